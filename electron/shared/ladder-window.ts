// Most ladder events one `ladder` call returns (EngineMethods.ladder). A screen shows ~20
// arrows; the renderer keeps a window or two. Its own file so the engine, which imports no
// zod, can read it without the contract's schemas.
export const LADDER_WINDOW = 2000;
