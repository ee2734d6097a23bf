// Raw bytes → text, refusing what a YAML editor could not round-trip (spec §3 `file-read`).
import { isUtf8 } from 'node:buffer';
import type { Message } from './types.js';

export const MAX_FILE_BYTES = 1024 * 1024;

// isUtf8 (C++) then a lenient decode is ≈ 3× a fatal TextDecoder on catalog files, and decides the same.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: false });

export type Decoded = { text: string } | { problem: Message };

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length > MAX_FILE_BYTES) {
    const mib = (bytes.length / MAX_FILE_BYTES).toFixed(1);
    return {
      problem: {
        zh: `文件过大（${mib} MiB），单个事项文件不得超过 1 MiB`,
        en: `file is too large (${mib} MiB); an item file may be at most 1 MiB`,
      },
    };
  }
  if (bytes.includes(0)) {
    return { problem: { zh: '文件是二进制文件（含 NUL 字节），不是 YAML 文本', en: 'file is binary (contains a NUL byte), not YAML text' } };
  }
  if (!isUtf8(bytes)) {
    return {
      problem: {
        zh: '文件不是 UTF-8 编码（可能是 GBK），请用 UTF-8 重新保存',
        en: 'file is not UTF-8 encoded (GBK?); save it again as UTF-8',
      },
    };
  }
  // The decoder drops a UTF-8 byte-order mark, which some Windows editors write.
  return { text: utf8.decode(bytes) };
}

export const SYMLINK_PROBLEM: Message = {
  zh: '文件是符号链接，不会被读取；请放入真实文件',
  en: 'file is a symbolic link, which is never followed; put the real file here',
};
