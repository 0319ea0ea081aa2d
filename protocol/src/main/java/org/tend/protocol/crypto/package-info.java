/**
 * Tend's cryptographic primitives: the only package in the project that touches JCA
 * ({@code javax.crypto}, {@code java.security}) or Bouncy Castle.
 *
 * <ul>
 *   <li>{@link org.tend.protocol.crypto.Aead} / {@link org.tend.protocol.crypto.AesGcm}:
 *       AES-GCM from the JDK for bulk authenticated encryption;
 *       {@link org.tend.protocol.crypto.ChaChaPoly} for Noise's ChaChaPoly suites.</li>
 *   <li>{@link org.tend.protocol.crypto.Ed25519}: signatures (Bouncy Castle).</li>
 *   <li>{@link org.tend.protocol.crypto.X25519}: key agreement (Bouncy Castle).</li>
 *   <li>{@link org.tend.protocol.crypto.Argon2id}: passphrase KDF (Bouncy Castle).</li>
 *   <li>{@link org.tend.protocol.crypto.Hkdf} and {@link org.tend.protocol.crypto.Sha256}:
 *       HKDF-SHA256, SHA-256 and HMAC-SHA256.</li>
 * </ul>
 *
 * <p>Every signature, hash, MAC and KDF call made through this package's labelled API carries a
 * domain label from {@link org.tend.protocol.crypto.Labels}, encoded unambiguously by
 * {@link org.tend.protocol.crypto.Labels#bind(String, byte[]...)}. Secrets travel as
 * {@link org.tend.protocol.crypto.SecretBytes}; their raw bytes are reachable only through
 * {@link org.tend.protocol.crypto.SecretBytes#exposeSecret()}. Randomness is injected through
 * {@link org.tend.protocol.crypto.Randomness}.
 */
package org.tend.protocol.crypto;
