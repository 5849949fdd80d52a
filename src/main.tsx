import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { createPlaygroundStore } from './ui/store/playgroundStore';
import { PlaygroundProvider } from './ui/store/StoreContext';
import { backendFromUrl } from './ui/urlOptions';
import './ui/styles.css';

// Created once, outside React: the store owns the training worker, which StrictMode must not double.
const store = createPlaygroundStore({ preferredBackend: backendFromUrl(window.location.search) });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlaygroundProvider store={store}>
      <App />
    </PlaygroundProvider>
  </StrictMode>,
);
