/** A plain portrait for a card exported as PNG: the persona's initial on a soft gradient (canvas). */
export async function drawPersonaAvatar(name: string): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = 400;
  canvas.height = 600;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw images.');
  const gradient = context.createLinearGradient(0, 0, 400, 600);
  gradient.addColorStop(0, '#f7a8c4');
  gradient.addColorStop(1, '#7a6cf0');
  context.fillStyle = gradient;
  context.fillRect(0, 0, 400, 600);
  context.fillStyle = '#ffffff';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.font = 'bold 220px system-ui, sans-serif';
  context.fillText([...name.trim()][0]?.toUpperCase() ?? '?', 200, 270);
  context.font = '36px system-ui, sans-serif';
  context.fillText(name.slice(0, 20), 200, 480);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('This browser cannot write PNG images.');
  return new Uint8Array(await blob.arrayBuffer());
}
