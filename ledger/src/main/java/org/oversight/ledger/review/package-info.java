/**
 * The reviewer console and the read endpoints it and integrators use (docs/console.md,
 * docs/ledger.md §3): the page served by the ledger ({@code ConsoleController}, {@code /console}),
 * the matches and where each stands ({@code MatchFeed}, a read model over the committed leaves), and
 * {@code ReviewController}: {@code GET /v1/matches?state=}, {@code /v1/matches/{id}},
 * {@code /v1/streams/{kind}/{id}/head}, {@code /v1/keys/{keyId}}. Reviews and actions are signed in
 * the browser; nothing here holds a reviewer's or officer's private key.
 */
package org.oversight.ledger.review;
