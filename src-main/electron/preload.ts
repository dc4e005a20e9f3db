import { contextBridge, ipcRenderer } from 'electron';

// Sandboxed preload: the page gets one function and nothing of Node or Electron. The channel
// name is repeated here (not imported) because a sandboxed preload can only require 'electron'.
contextBridge.exposeInMainWorld('settle', {
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('settle:call', method, input),
  pdf: (action: 'print' | 'save', file: { fileName: string; base64: string }): Promise<{ ok: boolean; message?: string }> =>
    ipcRenderer.invoke('settle:pdf', action, file),
});
