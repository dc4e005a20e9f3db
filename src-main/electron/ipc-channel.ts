/** The single IPC channel every service call travels on. */
export const IPC_CHANNEL = 'settle:call';

/** Print or save a PDF the renderer got from a service (letters, agreements): Electron's own dialogs. */
export const PDF_CHANNEL = 'settle:pdf';
