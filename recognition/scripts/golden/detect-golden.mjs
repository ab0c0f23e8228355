// Golden face detections, landmarks and aligned crops computed by face-api 1.7.15 itself, for
// the Java port's DetectGoldenTest. Pure-JS TensorFlow.js CPU backend (no native tfjs-node).
//
// Inputs are the photos as decoded by the Java pipeline (binary PPM files written by the test
// GoldenInputExport), so both sides see identical pixels and only the networks and face-api's
// geometry are compared. Output: one JSON document with, per photo, the SHA-256 of its RGB
// bytes and, per face, face-api's score, box, 68 landmarks, dlib-aligned rectangle, the clipped
// region cut out for the descriptor, the SHA-256 of the 150x150 crop rounded to bytes
// (floor(v + 0.5)) and the 128-D descriptor. No pixels are written.
//
// Usage: node detect-golden.mjs <ppm-dir> <face-api-model-dir> <out.json>
// (see README.md in this directory for the full regeneration command).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

// tf-cpu.cjs (shared with embed.cjs) loads face-api's Node build on the pure-JS tfjs CPU backend.
const require = createRequire(import.meta.url);
const { tf, faceapi, init, loadNet } = require('./tf-cpu.cjs');

const [ppmDir, modelDir, outPath] = process.argv.slice(2);
if (!ppmDir || !modelDir || !outPath) {
  console.error('usage: node detect-golden.mjs <ppm-dir> <face-api-model-dir> <out.json>');
  process.exit(2);
}

await init();
await loadNet(faceapi.nets.ssdMobilenetv1, modelDir, 'ssd_mobilenetv1_model');
await loadNet(faceapi.nets.faceLandmark68Net, modelDir, 'face_landmark_68_model');
await loadNet(faceapi.nets.faceRecognitionNet, modelDir, 'face_recognition_model');

function readPpm(file) {
  const buf = readFileSync(file);
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(header);
  if (!m) throw new Error(`${file}: not a binary 8-bit PPM`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  const pixels = buf.subarray(m[0].length);
  if (pixels.length !== width * height * 3) throw new Error(`${file}: ${pixels.length} pixel bytes != ${width}x${height}x3`);
  return { width, height, pixels };
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const box = (b) => ({ x: b.x, y: b.y, width: b.width, height: b.height });

const photos = [];
for (const file of readdirSync(ppmDir).filter((f) => f.endsWith('.ppm')).sort()) {
  const { width, height, pixels } = readPpm(join(ppmDir, file));
  const input = tf.tensor3d(Int32Array.from(pixels), [height, width, 3], 'int32');
  const results = await faceapi
    .detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 }))
    .withFaceLandmarks()
    .withFaceDescriptors();
  const faces = [];
  for (const r of results) {
    const rect = r.landmarks.align(null, { useDlibAlignment: true });
    const region = rect.clipAtImageBorders(width, height);
    const [faceTensor] = await faceapi.extractFaceTensors(input, [rect]);
    const batch = new faceapi.NetInput([faceTensor]).toBatchTensor(150, true);
    const crop = Uint8Array.from(batch.dataSync(), (v) => Math.floor(v + 0.5));
    batch.dispose();
    faceTensor.dispose();
    faces.push({
      score: r.detection.score,
      box: box(r.detection.box),
      landmarks: r.landmarks.positions.flatMap((p) => [p.x, p.y]),
      dlibRect: box(rect),
      region: box(region),
      cropSha256: sha256(crop),
      descriptor: Array.from(r.descriptor),
    });
  }
  input.dispose();
  photos.push({ photo: file.replace(/\.ppm$/, '.jpg'), width, height, rgbSha256: sha256(pixels), faces });
  console.error(`${file}: ${faces.length} face(s)`);
}

const doc = {
  generator: 'recognition/scripts/golden/detect-golden.mjs',
  faceApi: '@vladmandic/face-api@1.7.15',
  tfjs: `${tf.version.tfjs} (${tf.getBackend()} backend)`,
  detectorOptions: { minConfidence: 0.5, maxResults: 100 },
  cropRounding: 'floor(v + 0.5) of the float32 150x150x3 batch tensor',
  photos,
};
writeFileSync(outPath, `${JSON.stringify(doc, null, 1)}\n`);
