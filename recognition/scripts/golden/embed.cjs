// Computes face-api's 128-D descriptors for canonical 150x150 RGB crops:
//   node embed.cjs <model dir> <crops dir with crops.tsv: file, sha256 of the crop bytes> <output.json>
// writes the golden JSON (descriptors as float32 values printed exactly, shortest round-trip form).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { tf, faceapi, init, loadNet, rgbTensor } = require('./tf-cpu.cjs');

(async () => {
  const [modelDir, cropsDir, output] = process.argv.slice(2);
  await init();
  await loadNet(faceapi.nets.faceRecognitionNet, modelDir, 'face_recognition_model');
  const rows = fs.readFileSync(path.join(cropsDir, 'crops.tsv'), 'utf8').trim().split('\n');
  const crops = [];
  for (const row of rows) {
    const [file, sha256] = row.split('\t');
    const raw = path.join(cropsDir, `${file}.rgb`);
    const actual = crypto.createHash('sha256').update(fs.readFileSync(raw)).digest('hex');
    if (actual !== sha256) throw new Error(`${raw}: sha256 ${actual} != ${sha256}`);
    const img = rgbTensor(raw, 150, 150);
    const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(img);
    img.dispose();
    crops.push({ file, cropSha256: sha256, descriptor: Array.from(descriptor) });
  }
  const out = {
    generator: 'recognition/scripts/golden/embed.cjs',
    faceApi: faceapi.version,
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    crops,
  };
  fs.writeFileSync(output, `${JSON.stringify(out, null, 1)}\n`);
})().catch((e) => { console.error(e); process.exit(1); });
