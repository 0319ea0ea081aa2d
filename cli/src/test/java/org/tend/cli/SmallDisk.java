package org.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real tmpfs of a few MiB, so that a test fills a disk (the kernel answers ENOSPC, as a full
 * laptop disk does) and frees it again without touching the machine's own disks.
 */
final class SmallDisk implements AutoCloseable {
  private final Path mountPoint;
  private final Path filler;

  private SmallDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.filler = mountPoint.resolve("filler");
  }

  /**
   * Mounts a tmpfs of {@code mib} MiB at {@code at}. Skips the test, saying why, only where
   * mounting is not permitted (not root); any other failure to mount fails it.
   */
  public static SmallDisk mount(Path at, int mib) throws IOException, InterruptedException {
    Files.createDirectories(at);
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    Run mount = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0700", "tmpfs",
        at.toString()));
    if (mount.exit != 0) {
      assumeTrue(uid == 0 && !mount.output.toLowerCase().contains("permission denied"),
          "mounting a small tmpfs is not permitted here (uid " + uid + ": " + mount.output.trim()
          + "); run the tests as root to fill a real disk");
      assertEquals(0, mount.exit, "mount failed although it is permitted: " + mount.output);
    }
    return new SmallDisk(at);
  }

  public Path path() {
    return mountPoint;
  }

  /** Writes a file until the kernel says the disk is full; returns it so it can be freed. */
  public Path fill() throws IOException {
    try (FileChannel out = FileChannel.open(filler, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (int chunk = 1 << 20; chunk >= 512; chunk /= 8) {
        ByteBuffer zeros = ByteBuffer.allocate(chunk);
        try {
          while (true) {
            zeros.clear();
            while (zeros.hasRemaining()) {
              out.write(zeros);
            }
          }
        } catch (IOException full) {
          if (!String.valueOf(full.getMessage()).contains("No space left")) {
            throw full;
          }
        }
      }
    }
    return filler;
  }

  /** Frees the disk again, as a member deleting big files would. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  /** Frees {@code bytes} of what {@link #fill} took, and keeps the rest filled. */
  public void freeBytes(long bytes) throws IOException {
    try (FileChannel out = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      out.truncate(Math.max(0, out.size() - bytes));
    }
  }

  public long usableBytes() throws IOException {
    return Files.getFileStore(mountPoint).getUsableSpace();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Run umount = run(List.of("umount", mountPoint.toString()));
    if (umount.exit != 0) {
      // Something still holds a file there; the mount goes once it lets go.
      run(List.of("umount", "-l", mountPoint.toString()));
    }
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException missing) {
      return new Run(127, String.valueOf(missing.getMessage()));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Run(124, output);
    }
    return new Run(process.exitValue(), output);
  }
}
