import { contextBridge, ipcRenderer } from 'electron';

// Sandboxed preload: the page gets a few functions and nothing of Node or Electron. The channel
// names are repeated here (not imported) because a sandboxed preload can only require 'electron'.
// Calls do not name their ledger: main knows which ledger each window is on.
contextBridge.exposeInMainWorld('settle', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('settle:call', method, input),
  pdf: (action: 'print' | 'save', file: { fileName: string; base64: string }): Promise<{ ok: boolean; message?: string }> =>
    ipcRenderer.invoke('settle:pdf', action, file),
  openLedger: (ledgerPath: string): Promise<{ ok: boolean; message?: string }> => ipcRenderer.invoke('settle:open-ledger', ledgerPath),
  reveal: (ledgerPath: string): Promise<{ ok: boolean; message?: string }> => ipcRenderer.invoke('settle:reveal', ledgerPath),
  onMenu: (listener: (item: string) => void): void => {
    ipcRenderer.on('settle:menu', (_event, item: unknown) => typeof item === 'string' && listener(item));
  },
});
