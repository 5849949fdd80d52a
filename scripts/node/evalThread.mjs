// The evaluation thread's entry: worker threads start without the parent's TypeScript loader.
import { register } from 'tsx/esm/api';

register();
await import('./evalThread.ts');
