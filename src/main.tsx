import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { zooLookup } from './engine/config/modelLookup';
import { App } from './ui/App';
import { presetConfig } from './ui/presets/presets';
import { createPlaygroundStore } from './ui/store/playgroundStore';
import { PlaygroundProvider } from './ui/store/StoreContext';
import { createShareStore, ShareProvider } from './ui/url/shareStore';
import { parseUrlState } from './ui/url/urlState';
import './ui/styles.css';

// The link's setup (config, view options, scenario); a bad link gives the defaults and a message, never a throw.
const url = parseUrlState(window.location.search, { presetConfig, knownModel: (id) => zooLookup(id) !== undefined });
// Created once, outside React: the store owns the training worker, which StrictMode must not double.
const store = createPlaygroundStore({ backendChoice: url.backend, initialConfig: url.config });
const share = createShareStore(url);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlaygroundProvider store={store}>
      <ShareProvider store={share}>
        <App />
      </ShareProvider>
    </PlaygroundProvider>
  </StrictMode>,
);
