/** The single IPC channel every service call travels on. */
export const IPC_CHANNEL = 'settle:call';

/** Print or save a PDF the renderer got from a service (letters, agreements): Electron's own dialogs. */
export const PDF_CHANNEL = 'settle:pdf';

/** Open (or bring forward) the window on a ledger in the list. */
export const OPEN_LEDGER_CHANNEL = 'settle:open-ledger';

/** Show a ledger file in the system's file manager. */
export const REVEAL_CHANNEL = 'settle:reveal';

/** Main → a window: a File menu item that the page carries out ('ledgers' | 'new-ledger'). */
export const MENU_CHANNEL = 'settle:menu';
