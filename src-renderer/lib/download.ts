import type { ExportedFile } from '../../src-main/contract';

/** The bytes a service sent as base64, as a Blob of that type. */
export function base64Blob(base64: string, type: string): Blob {
  return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type });
}

/** Hands a file from the service to the user as a download (browser tab or Electron window). */
export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(base64Blob(file.base64, file.mimeType));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
