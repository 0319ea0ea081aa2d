package org.tend.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.tend.node.api.home.Fingerprint;
import org.tend.node.api.home.HomeNotFoundException;
import org.tend.node.api.home.HomeStatus;
import org.tend.node.api.home.Passphrase;
import org.tend.node.api.home.SalvageReport;
import org.tend.node.api.home.StoreState;
import org.tend.node.api.home.TendException;
import org.tend.node.api.journal.Journal;
import org.tend.node.api.patterns.Patterns;
import org.tend.node.api.repair.RepairStatus;
import org.tend.node.api.repair.Repairs;
import org.tend.node.api.resources.CrisisResources;
import org.tend.node.api.service.NetworkStatus;
import org.tend.node.api.transport.NetworkKey;
import org.tend.node.api.transport.PeerAddress;
import org.tend.node.api.transport.PeerLink;
import org.tend.node.api.transport.PeerListener;
import org.tend.node.api.transport.TransportLimits;
import org.tend.node.backup.ArchiveWriter;
import org.tend.node.collective.CollectiveModule;
import org.tend.node.replication.ReplicationModule;
import org.tend.node.backup.Restore;
import org.tend.node.journal.Journals;
import org.tend.node.keystore.Argon2Calibrator;
import org.tend.node.keystore.HomeFiles;
import org.tend.node.keystore.HomeLock;
import org.tend.node.keystore.Keystores;
import org.tend.node.keystore.MasterKeyRotation;
import org.tend.node.keystore.Panic;
import org.tend.node.keystore.UnlockedKeys;
import org.tend.node.patterns.PatternsFactory;
import org.tend.node.repair.RepairBooks;
import org.tend.node.resources.ResourceLists;
import org.tend.node.store.Salvage;
import org.tend.node.store.Store;
import org.tend.node.transport.Network;
import org.tend.protocol.crypto.Argon2Params;

/**
 * The composition root: one open, unlocked home and the services over it. Holds the home's
 * lock until closed, so no other process opens the same home meanwhile.
 */
public final class TendNode implements AutoCloseable {
  private final NodeConfig config;
  private final HomeFiles files;
  private final HomeLock lock;
  private final UnlockedKeys keys;
  private final Store store;
  private final Journal journal;
  private final Repairs repairs;
  private final CrisisResources resources;
  private final Patterns patterns;
  private final CollectiveModule collectives;
  private final ReplicationModule replication;
  private Optional<Network> network = Optional.empty();

  private TendNode(NodeConfig config, HomeFiles files, HomeLock lock, UnlockedKeys keys,
      Store store) throws TendException {
    this.config = config;
    this.files = files;
    this.lock = lock;
    this.keys = keys;
    this.store = store;
    this.journal = Journals.open(store, keys.masterKey(), config.clock(), config.randomness());
    this.repairs = RepairBooks.open(store, keys.masterKey(), journal, config.clock(),
        config.randomness());
    this.resources = ResourceLists.open(store, keys.masterKey(), config.clock(),
        config.randomness());
    this.patterns = PatternsFactory.create(journal, repairs, config.clock());
    this.collectives = CollectiveModule.open(store, keys.masterKey(), keys.identity(),
        config.clock(), config.randomness());
    this.replication = ReplicationModule.open(store, keys.masterKey(), keys.identity().signing(),
        collectives::membership, collectives::heard, collectives, config.clock(),
        config.randomness());
    collectives.onOwnDocuments(replication::ownDocument);
    collectives.onDocumentsLetGo(replication::replay);
    for (var c : collectives.list()) {
      replication.replay(c.id());
      replication.ownDocuments(c.id(), collectives.ownDocuments(c.id()));
    }
  }

  /** Creates a new home: identity, master key, an empty journal. */
  public static TendNode init(NodeConfig config, Passphrase passphrase) throws TendException {
    HomeFiles files = new HomeFiles(config.home());
    Argon2Params kdf = config.fixedKdf().orElseGet(() -> Argon2Calibrator.calibrate(
        config.kdfTarget(), Runtime.getRuntime().maxMemory(), config.randomness()));
    UnlockedKeys keys = Keystores.create(files, passphrase, kdf, config.randomness());
    return openUnlocked(config, files, keys);
  }

  /** Opens an existing home. A wrong passphrase changes nothing on disk. */
  public static TendNode open(NodeConfig config, Passphrase passphrase) throws TendException {
    HomeFiles files = new HomeFiles(config.home());
    if (!files.exists()) {
      throw new HomeNotFoundException(config.home());
    }
    HomeLock lock = HomeLock.acquire(files);
    UnlockedKeys keys;
    try {
      MasterKeyRotation.finishInterrupted(files, passphrase,
          StoreRewrites.of(files, config.storeOptions(), config.randomness()));
      keys = Keystores.unlock(files, passphrase);
    } catch (TendException | RuntimeException e) {
      lock.close();
      throw e;
    }
    return withStore(config, files, lock, keys, true);
  }

  /**
   * Changes the passphrase and replaces the master key: everything in the home is re-sealed under
   * a new one, so the old passphrase with an old keystore (a backup's, say) opens nothing written
   * here since. The key derivation is calibrated anew for this machine.
   */
  public static void changePassphrase(NodeConfig config, Passphrase current, Passphrase next)
      throws TendException {
    HomeFiles files = new HomeFiles(config.home());
    if (!files.exists()) {
      throw new HomeNotFoundException(config.home());
    }
    try (HomeLock lock = HomeLock.acquire(files)) {
      MasterKeyRotation.change(files, current, next,
          () -> config.fixedKdf().orElseGet(() -> Argon2Calibrator.calibrate(
              config.kdfTarget(), Runtime.getRuntime().maxMemory(), config.randomness())),
          config.randomness(),
          StoreRewrites.of(files, config.storeOptions(), config.randomness()));
    }
  }

  /** Destroys the home so nothing in it can be read again, even with the passphrase. */
  public static void panic(NodeConfig config) throws TendException {
    Panic.wipe(new HomeFiles(config.home()), config.randomness());
  }

  /** Restores an archive into an empty home; nothing is written unless all of it checks out. */
  public static long restore(NodeConfig config, Path archive, Passphrase passphrase)
      throws TendException {
    return Restore.into(new HomeFiles(config.home()), archive, passphrase, config.storeOptions());
  }

  /**
   * Saves every record a damaged home's store still holds into a normal archive, which
   * {@link #restore} opens, and says what could not be read. The store is only read.
   */
  public static SalvageReport salvage(NodeConfig config, Path archive, Passphrase passphrase)
      throws TendException {
    HomeFiles files = new HomeFiles(config.home());
    if (!files.exists()) {
      throw new HomeNotFoundException(config.home());
    }
    try (HomeLock lock = HomeLock.acquire(files);
        UnlockedKeys keys = Keystores.unlock(files, passphrase)) {
      if (java.nio.file.Files.exists(files.keyRotation())) {
        throw new TendException("A passphrase change was interrupted in this home. Open it once"
            + " (for example with `tend status`) to finish the change, then salvage it.");
      }
      Salvage.Result salvaged = Salvage.read(files.store(),
          files.home().resolve("store.salvaging"), keys.masterKey());
      ArchiveWriter.write(archive, Keystores.rawKeystore(files), salvaged, keys.masterKey(),
          config.randomness());
      java.util.Map<String, Long> saved = new java.util.TreeMap<>();
      for (Salvage.Record r : salvaged.records()) {
        saved.merge(r.column().familyName(), 1L, Long::sum);
      }
      return new SalvageReport(archive, saved, salvaged.losses().stream()
          .map(l -> new SalvageReport.Loss(l.file(), l.column().map(c -> c.familyName()),
              l.records()))
          .toList(), salvaged.notes());
    }
  }

  /** Whether a home exists at the configured path. */
  public static boolean exists(NodeConfig config) {
    return new HomeFiles(config.home()).exists();
  }

  /** Writes an encrypted, integrity-checked archive of the identity and the journal. */
  public long backup(Path archive) throws TendException {
    return ArchiveWriter.write(archive, Keystores.rawKeystore(files), store, keys.masterKey(),
        config.randomness());
  }

  /** What this node was opened with: its home, clock and randomness. */
  public NodeConfig config() {
    return config;
  }

  public Journal journal() {
    return journal;
  }

  public Repairs repairs() {
    return repairs;
  }

  public CrisisResources resources() {
    return resources;
  }

  public Patterns patterns() {
    return patterns;
  }

  /**
   * Checks that {@code passphrase} opens this home, as a running node does before it shows or
   * changes private writing for a command: the same key derivation as unlocking.
   *
   * @throws WrongPassphraseException if it does not
   */
  public void checkPassphrase(Passphrase passphrase) throws TendException {
    try (UnlockedKeys other = Keystores.unlock(files, passphrase)) {
      if (!other.masterKey().constantTimeEquals(keys.masterKey())) {
        throw new org.tend.node.api.home.WrongPassphraseException();
      }
    }
  }

  public CollectiveModule collectives() {
    return collectives;
  }

  /** Members' shared logs: the board, and what this node holds of each collective. */
  public ReplicationModule replication() {
    return replication;
  }

  /**
   * Starts this node's network: listens at {@code listen} if given, and keeps dialling the
   * members it knows how to reach every {@code dialInterval}.
   *
   * @return where it listens, if it does
   * @throws IllegalStateException if the network is already running
   */
  public synchronized Optional<PeerAddress> startNetwork(Optional<PeerAddress> listen,
      TransportLimits limits, Duration dialInterval) throws TendException {
    if (network.isPresent()) {
      throw new IllegalStateException("the network is already running");
    }
    Network started = Network.builder(keys.identity(), collectives.admission())
        .listener(PeerListener.all(collectives.peerListener(), replication.peerListener()))
        .limits(limits).clock(config.clock())
        .randomness(config.randomness()).start();
    Optional<PeerAddress> bound;
    try {
      bound = listen.isPresent() ? Optional.of(started.listen(listen.get())) : Optional.empty();
    } catch (TendException e) {
      started.close();
      throw e;
    }
    network = Optional.of(started);
    collectives.attach(started, dialInterval);
    replication.start(dialInterval, this::listening,
        () -> collectives.list().stream().map(c -> c.id()).toList());
    return bound;
  }

  /**
   * Where other members can reach this node: its TCP listening addresses, with a wildcard
   * address replaced by this machine's IPv4 addresses (up to four, loopback as a last resort).
   */
  public synchronized List<PeerAddress.Tcp> reachableAddresses() {
    return org.tend.node.transport.Reachable.of(listening());
  }

  /**
   * Starts the LAN beacon (off unless asked for): members on this network hear where this node
   * listens, and this node hears them.
   *
   * @return the UDP port the beacon listens on
   * @throws IllegalStateException if the network is not running
   */
  public synchronized int startLan(org.tend.node.api.collective.LanSettings settings)
      throws TendException {
    if (network.isEmpty()) {
      throw new IllegalStateException("the network is not running");
    }
    return collectives.startLan(settings, this::reachableAddresses);
  }

  /** Where this node's network listens; empty when it is not running or only dials. */
  public synchronized List<PeerAddress> listening() {
    return network.map(Network::listening).orElse(List.of());
  }

  /**
   * Where the network listens and, for each collective, its epoch, who is connected, how many
   * events this node holds and any forked logs.
   */
  public NetworkStatus networkStatus() {
    List<NetworkStatus.CollectiveLine> lines = new java.util.ArrayList<>();
    for (var c : collectives.list()) {
      long events = 0;
      List<String> forks = List.of();
      try {
        var held = replication.status(c.id());
        events = held.events();
        forks = held.forks().stream().map(f -> f.author().fingerprint().value()
            + " signed two different events at sequence " + f.sequence()).toList();
      } catch (TendException e) {
        // the logs could not be read: the rest of the status still shows
      }
      lines.add(new NetworkStatus.CollectiveLine(c.id().hex(), c.name(), c.epoch(),
          c.activeMembers(), collectives.online(c.id()),
          c.myRole().name().toLowerCase(java.util.Locale.ROOT),
          c.myStatus().name().toLowerCase(java.util.Locale.ROOT), events, forks));
    }
    return new NetworkStatus(listening().stream().map(PeerAddress::toString).toList(), lines);
  }

  /**
   * Connects to the node of {@code responder} with {@code key}.
   *
   * @throws IllegalStateException if the network is not running
   */
  public synchronized CompletableFuture<PeerLink> connect(PeerAddress address, NetworkKey key,
      org.tend.node.api.collective.MemberKey responder) {
    return network.orElseThrow(() -> new IllegalStateException("the network is not running"))
        .connect(address, key, responder);
  }

  /** Stops the network: closes every link and the listener. The node stays open. */
  public synchronized void stopNetwork() {
    collectives.detach();
    replication.stop();
    network.ifPresent(Network::close);
    network = Optional.empty();
  }

  public Fingerprint fingerprint() {
    return keys.identity().fingerprint();
  }

  public HomeStatus status() throws TendException {
    Argon2Params kdf = keys.kdf();
    int entries = journal.list(Optional.empty(), Optional.empty()).entries().size();
    int open = (int) repairs.list().stream().filter(r -> r.status() == RepairStatus.IN_PROGRESS)
        .count();
    return new HomeStatus(config.home(), fingerprint(), kdf.memoryKiB() / 1024, kdf.iterations(),
        entries, open, resources.list().size());
  }

  /** Whether the journal store can write now; a full disk stops it until space is freed. */
  public StoreState storeState() {
    return store.state();
  }

  @Override
  public void close() {
    // Dialling stops first, then the network's threads (which may still be storing documents
    // they received), and only then the store they write to.
    stopNetwork();
    replication.close();
    collectives.close();
    store.close();
    keys.close();
    lock.close();
  }

  private static TendNode openUnlocked(NodeConfig config, HomeFiles files, UnlockedKeys keys)
      throws TendException {
    HomeLock lock;
    try {
      lock = HomeLock.acquire(files);
    } catch (TendException e) {
      keys.close();
      throw e;
    }
    return withStore(config, files, lock, keys, false);
  }

  private static TendNode withStore(NodeConfig config, HomeFiles files, HomeLock lock,
      UnlockedKeys keys, boolean existing) throws TendException {
    try {
      Store store = existing
          ? Store.openExisting(files.store(), config.storeOptions(), keys.masterKey())
          : Store.open(files.store(), config.storeOptions(), keys.masterKey());
      files.restrictToOwner();
      try {
        return new TendNode(config, files, lock, keys, store);
      } catch (TendException | RuntimeException e) {
        store.close();
        throw e;
      }
    } catch (TendException | RuntimeException e) {
      keys.close();
      lock.close();
      throw e;
    }
  }
}
