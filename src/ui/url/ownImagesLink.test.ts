/** A link to a setup on your own images: kept as it is (it works in the browser that holds them), and says where they live. */
import { describe, expect, it } from 'vitest';
import { buildSearch, parseUrlState } from './urlState';
import { DEFAULT_CONFIG } from '../../engine/config/defaults';

describe('a link that names your own images', () => {
  it('keeps the dataset and says plainly that it lives only in the browser that made it', () => {
    const search = buildSearch({ ...DEFAULT_CONFIG, dataset: 'user:digits', trainSize: 18, shifts: [] });
    expect(search).toContain('dataset=user%3Adigits');
    const state = parseUrlState(search);
    expect(state.config).toMatchObject({ dataset: 'user:digits', trainSize: 18, shifts: [] });
    expect(state.messages).toEqual([{ level: 'info', text: 'dataset: this link names a dataset of your own images ("user:digits"); it lives only in the browser that made it, so the run trains only there.' }]);
  });

  it('refuses a dataset id that is not one, with the default used', () => {
    const state = parseUrlState('?v=3&dataset=user:../../x');
    expect(state.config.dataset).toBe(DEFAULT_CONFIG.dataset);
    expect(state.messages[0].text).toMatch(/^dataset: expected one of mnist, fashion-mnist, rotated-mnist, colored-mnist, or user:<id>/);
  });
});
