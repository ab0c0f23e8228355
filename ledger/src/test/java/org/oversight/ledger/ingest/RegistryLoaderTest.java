package org.oversight.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.sequencer.Leaf;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.SequencerBatch;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.sequencer.TestDatabases;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.World;
import org.oversight.ledger.aggregate.Rejection;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** After a restart (or a rolled-back batch) the registry is rebuilt from the committed leaves. */
class RegistryLoaderTest {
    @Test
    void rebuiltRegistryKnowsTheCommittedPrincipalsAndClosesGenesis() throws Exception {
        DataSource db = TestDatabases.fresh();
        LeafStore store = new LeafStore(db);
        store.createSchema();
        Sequencer sequencer = new Sequencer(store);
        World world = new World();
        List<SignedEvent> genesis = world.genesis();
        sequencer.writerLock().lock();
        try {
            new TransactionTemplate(new DataSourceTransactionManager(db)).executeWithoutResult(s -> {
                SequencerBatch batch = sequencer.begin();
                for (SignedEvent e : genesis) {
                    batch.append(new Leaf(e.header().eventId(), e.stream().text(), e.seq(), e.leafBytes(),
                            e.eventHash().digest()));
                }
                batch.persist();
            });
        } finally {
            sequencer.writerLock().unlock();
        }

        LedgerRegistry registry = new LedgerRegistry();
        RegistryLoader.rebuild(registry, new LeafStore(db), new Sequencer(store).committed().size());
        assertThat(registry.isDirty()).isFalse();
        assertThat(registry.genesisOpen()).isFalse();
        assertThat(registry.key(world.officer.publicKey().keyId())).hasValueSatisfying(
                k -> assertThat(k.owner()).isEqualTo(World.OFFICER));
        SignedEvent late = Chains.at(new AuthorityDeclared("late", "Late", World.distinctKey(5).publicKey()),
                World.distinctKey(5), 0, Optional.empty());
        assertThatThrownBy(() -> registry.check(late, genesis.size()))
                .isInstanceOfSatisfying(EventRejectedException.class,
                        e -> assertThat(e.type()).isEqualTo(Rejection.GENESIS_VIOLATION));
    }

    /**
     * Regression (issue 11 §4): a rebuild whose leaf reads fail half-way (the database went away)
     * must leave the registry as it was, not reset and empty with genesis open again.
     */
    @Test
    void aRebuildThatCannotReadTheLeavesKeepsTheRegistryAsItWas() throws Exception {
        World world = new World();
        List<SignedEvent> genesis = world.genesis();
        List<StoredLeaf> leaves = new java.util.ArrayList<>();
        for (int i = 0; i < genesis.size(); i++) {
            SignedEvent e = genesis.get(i);
            leaves.add(new StoredLeaf(i, new Leaf(e.header().eventId(), e.stream().text(), e.seq(), e.leafBytes(),
                    e.eventHash().digest())));
        }
        LedgerRegistry registry = new LedgerRegistry();
        RegistryLoader.rebuild(registry, (start, count) -> leaves.subList((int) start, (int) start + count),
                genesis.size());
        assertThat(registry.genesisOpen()).isFalse();
        registry.markDirty(); // a write applied events and then rolled back

        RegistryLoader.LeafSource failing = (start, count) -> {
            throw new org.springframework.dao.DataAccessResourceFailureException(
                    "FATAL: the database system is in recovery mode");
        };
        assertThatThrownBy(() -> RegistryLoader.rebuild(registry, failing, genesis.size()))
                .isInstanceOf(org.springframework.dao.DataAccessResourceFailureException.class);

        assertThat(registry.isDirty()).as("still needs a rebuild").isTrue();
        assertThat(registry.genesisOpen()).as("genesis stays closed").isFalse();
        assertThat(registry.key(world.officer.publicKey().keyId())).as("enrolled keys kept").isPresent();
        SignedEvent late = Chains.at(new AuthorityDeclared("late", "Late", World.distinctKey(5).publicKey()),
                World.distinctKey(5), 0, Optional.empty());
        assertThatThrownBy(() -> registry.check(late, genesis.size()))
                .isInstanceOfSatisfying(EventRejectedException.class,
                        e -> assertThat(e.type()).isEqualTo(Rejection.GENESIS_VIOLATION));

        // A source that stops short (leaves missing) is refused the same way, never swapped in.
        assertThatThrownBy(() -> RegistryLoader.rebuild(registry, (start, count) -> List.of(), genesis.size()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned 0 leaves from 0");
        assertThat(registry.genesisOpen()).isFalse();

        // Once the leaves can be read again, the rebuilt state is swapped in and the registry is clean.
        RegistryLoader.rebuild(registry, (start, count) -> leaves.subList((int) start, (int) start + count),
                genesis.size());
        assertThat(registry.isDirty()).isFalse();
        assertThat(registry.genesisOpen()).isFalse();
    }
}
