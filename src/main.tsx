import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Placeholder() {
  return <h1>Fine-Tuning Playground</h1>;
}

createRoot(document.getElementById('root')!).render(<StrictMode><Placeholder /></StrictMode>);
