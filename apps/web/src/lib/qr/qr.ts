import QRCode from 'qrcode';

/** QR codes for the join links, drawn as SVG (no data: URLs, no inline styles: CSP-friendly). */
export interface QrMatrix {
  size: number;
  isDark: (row: number, col: number) => boolean;
}

/** The module matrix of `text` (error correction M: readable from a projected, blurry beamer). */
export function encodeQr(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/**
 * One SVG path of the dark modules (runs of a row merged into one rectangle), with a quiet zone
 * of `margin` modules; the viewBox is `0 0 (size + 2·margin)²`.
 */
export function qrPath(matrix: QrMatrix, margin = 4): { d: string; viewBox: string } {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      parts.push(`M${start + margin} ${row + margin}h${col - start}v1h${start - col}z`);
    }
  }
  const total = matrix.size + 2 * margin;
  return { d: parts.join(''), viewBox: `0 0 ${total} ${total}` };
}
