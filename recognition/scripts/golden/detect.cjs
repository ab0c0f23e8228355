// Finds the face box in each full photo with face-api (SSD MobileNet v1 + 68 landmarks):
//   node detect.cjs <model dir> <images dir with images.tsv: file, width, height>
// prints "file <TAB> x <TAB> y <TAB> side": a square around face-api's landmark-aligned box.
'use strict';
const fs = require('fs');
const path = require('path');
const { tf, faceapi, init, loadNet, rgbTensor } = require('./tf-cpu.cjs');

(async () => {
  const [modelDir, imagesDir] = process.argv.slice(2);
  await init();
  await loadNet(faceapi.nets.ssdMobilenetv1, modelDir, 'ssd_mobilenetv1_model');
  await loadNet(faceapi.nets.faceLandmark68Net, modelDir, 'face_landmark_68_model');
  const rows = fs.readFileSync(path.join(imagesDir, 'images.tsv'), 'utf8').trim().split('\n');
  for (const row of rows) {
    const [file, w, h] = row.split('\t');
    const img = rgbTensor(path.join(imagesDir, `${file}.rgb`), Number(w), Number(h));
    const det = await faceapi.detectSingleFace(img, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.3 })).withFaceLandmarks();
    img.dispose();
    if (!det) {
      process.stdout.write(`# ${file}\tno face\n`);
      continue;
    }
    const b = det.alignedRect.box;
    const side = Math.max(b.width, b.height);
    const x = b.x + b.width / 2 - side / 2;
    const y = b.y + b.height / 2 - side / 2;
    process.stdout.write(`${file}\t${x.toFixed(1)}\t${y.toFixed(1)}\t${side.toFixed(1)}\t# score ${det.detection.score.toFixed(3)}\n`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
