/**
 * A small strict RFC 8259 JSON parser for weights manifests. Not API.
 */
package org.oversight.recognition.tfjs.internal;
