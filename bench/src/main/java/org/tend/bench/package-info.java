/**
 * JMH benchmarks of the member's node, each against a baseline measured in the same run: the
 * encrypted journal's durable appends against synced raw RocksDB puts
 * ({@link org.tend.bench.JournalAppendBenchmark}), unlocking a home against Argon2id alone
 * ({@link org.tend.bench.UnlockBenchmark}), searching and listing the journal against a
 * raw scan of its sealed values ({@link org.tend.bench.SearchBenchmark}), and taking in other
 * members' signed events against Ed25519 verification of them alone
 * ({@link org.tend.bench.IngestBenchmark}).
 *
 * <p>{@link org.tend.bench.Report} runs them all and checks the targets:
 *
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.tend.bench.Report                 # about 3 minutes
 * java -Dtend.bench.quick=true -cp bench/target/benchmarks.jar org.tend.bench.Report  # smoke
 * </pre>
 *
 * <p>Single benchmarks run with JMH's own launcher, for example
 * {@code java -jar bench/target/benchmarks.jar SearchBenchmark -jvmArgsAppend -Xmx2g}.
 */
package org.tend.bench;
