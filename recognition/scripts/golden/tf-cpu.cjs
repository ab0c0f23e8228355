// Loads face-api's Node build on the pure-JS TensorFlow.js CPU backend: face-api.node.js asks for
// the native @tensorflow/tfjs-node, which we replace by @tensorflow/tfjs (same API, no native code).
'use strict';
const Module = require('module');
const fs = require('fs');
const path = require('path');

const resolve = Module._resolveFilename;
Module._resolveFilename = function redirect(request, ...rest) {
  return resolve.call(this, request === '@tensorflow/tfjs-node' ? '@tensorflow/tfjs' : request, ...rest);
};
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-cpu');
const faceapi = require('@vladmandic/face-api/dist/face-api.node.js');

async function init() {
  await tf.setBackend('cpu');
  await tf.ready();
  if (tf.getBackend() !== 'cpu') throw new Error(`backend ${tf.getBackend()} != cpu`);
}

/** Loads <modelDir>/<stem>-weights_manifest.json (+ shards) into a face-api net, without fetch(). */
async function loadNet(net, modelDir, stem) {
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, `${stem}-weights_manifest.json`), 'utf8'));
  const weightMap = {};
  for (const group of manifest) {
    const buffers = group.paths.map((p) => fs.readFileSync(path.join(modelDir, p)));
    const all = Buffer.concat(buffers);
    const ab = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
    Object.assign(weightMap, tf.io.decodeWeights(ab, group.weights));
  }
  net.loadFromWeightMap(weightMap);
}

/** A [h, w, 3] int32 tensor from raw packed RGB bytes. */
function rgbTensor(file, width, height) {
  const bytes = fs.readFileSync(file);
  if (bytes.length !== width * height * 3) throw new Error(`${file}: ${bytes.length} bytes != ${width}x${height}x3`);
  return tf.tensor3d(Int32Array.from(bytes), [height, width, 3], 'int32');
}

module.exports = { tf, faceapi, init, loadNet, rgbTensor };
