import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { zooLookup } from './engine/config/modelLookup';
import { App } from './ui/App';
import { linkSize } from './ui/presets/presetLink';
import { presetById, presetConfig } from './ui/presets/presets';
import { createPlaygroundStore } from './ui/store/playgroundStore';
import { PlaygroundProvider } from './ui/store/StoreContext';
import { createShareStore, ShareProvider } from './ui/url/shareStore';
import { parseUrlState } from './ui/url/urlState';
import './ui/styles.css';

// The link's setup (config, view options, scenario); a bad link gives the defaults and a message, never a throw.
const url = parseUrlState(window.location.search, { presetConfig, knownModel: (id) => zooLookup(id) !== undefined });
// Created once, outside React: the store owns the training worker, which StrictMode must not double.
const store = createPlaygroundStore({ backendChoice: url.backend, initialConfig: url.config });
const preset = url.view.preset ? presetById(url.view.preset) : undefined;
const share = createShareStore({ ...url, view: { ...url.view, size: preset ? linkSize(preset, url.config, url.view.size) : url.view.size } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlaygroundProvider store={store}>
      <ShareProvider store={share}>
        <App />
      </ShareProvider>
    </PlaygroundProvider>
  </StrictMode>,
);
