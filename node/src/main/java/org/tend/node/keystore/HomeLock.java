package org.tend.node.keystore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import org.tend.node.api.home.HomeInUseException;
import org.tend.node.api.home.StorageException;

/** An exclusive OS lock on a home, held while it is open, so two processes never share one. */
public final class HomeLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private HomeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static HomeLock acquire(HomeFiles files) throws HomeInUseException, StorageException {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw inUse(files);
      }
      return new HomeLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw inUse(files);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StorageException("Could not lock the home at " + files.home() + ": " + e.getMessage(), e);
    }
  }

  /** Names the running node when it is the holder, so the member learns `tend down` frees it. */
  private static HomeInUseException inUse(HomeFiles files) {
    OptionalLong pid = files.livingNodePid();
    return pid.isPresent()
        ? new HomeInUseException(files.home(), pid.getAsLong())
        : new HomeInUseException(files.home());
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases the lock as well.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }
}
