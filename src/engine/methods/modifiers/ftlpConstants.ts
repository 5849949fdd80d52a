/** FT-LP's numbers, in a file without TF.js so the page can show them without loading it. */
export const FTLP_INITIAL_VARIANCE = 0.1;
export const FTLP_VARIANCE_FLOOR = 1e-5;
