/** The single IPC channel every service call travels on. */
export const IPC_CHANNEL = 'settle:call';
