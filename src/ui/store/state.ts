/** The playground store's state: one slice per concern, each in its own file. */
import type { BackendSlice } from './backendSlice';
import type { ConfigSlice } from './configSlice';
import type { HistorySlice } from './historySlice';
import type { QueueSlice } from './queueSlice';
import type { RunsSlice } from './runsSlice';
import type { TrainingSlice } from './trainingSlice';
import type { UserDatasetsSlice } from './userDatasetsSlice';
import type { UserModelsSlice } from './userModelsSlice';

export type PlaygroundState = ConfigSlice & RunsSlice & QueueSlice & TrainingSlice & HistorySlice & UserModelsSlice & UserDatasetsSlice & BackendSlice;
