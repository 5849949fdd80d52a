import { usePlayground } from '../store/StoreContext';
import { errorFor } from '../validation/fieldMessages';

/** The validation message for one config path ("lr", "method.frozenBlocks"), or undefined. A string, so the selector is stable. */
export function useFieldError(field: string): string | undefined {
  return usePlayground((s) => errorFor(s.validation, field));
}
