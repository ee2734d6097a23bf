// The part of unzipper (a dependency of exceljs) that xlsx-read.ts uses to read a zip's central directory.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';
  export interface CentralDirectoryEntry {
    path: string;
    type: 'File' | 'Directory';
    compressedSize: number;
    uncompressedSize: number;
    stream(): Readable;
  }
  export const Open: { file(path: string): Promise<{ files: CentralDirectoryEntry[] }> };
}
