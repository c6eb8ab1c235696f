// The IPC channel names between preload and main: the session RPC, and the engine port
// handed to the renderer. Nothing else crosses ipcMain.
export const SESSION_CHANNEL = 'ackline:session';
export const ENGINE_PORT_CHANNEL = 'ackline:engine-port';
