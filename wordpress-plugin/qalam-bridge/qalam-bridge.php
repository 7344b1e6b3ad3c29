<?php
/**
 * Plugin Name:       Qalam Bridge
 * Description:       Lets Qalam (قلم), the offline editorial workstation, keep its review data on posts: the article's UUID, comment threads and the status history, as protected post meta checked on every write path (REST, XML-RPC, the admin); refuses an update that would overwrite a newer save (HTTP 412); and takes uploads in pieces that survive a cut link.
 * Version:           1.2.0
 * Requires at least: 6.0
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       qalam-bridge
 */

if (!defined('ABSPATH')) {
	exit;
}

const QALAM_BRIDGE_VERSION = '1.2.0';

require_once __DIR__ . '/uploads.php';

/**
 * Review data lives in protected meta (a leading underscore: no Custom Fields box, no XML-RPC
 * custom field), shown in the REST API as `meta.qalam_review`. Every write to it, whatever the
 * path, goes through the add/update/delete_post_metadata filters below and their rules.
 */
const QALAM_BRIDGE_REVIEW_KEY = '_qalam_review';
/** Where version 1.0 kept it, as an ordinary custom field: moved once, then never read. */
const QALAM_BRIDGE_LEGACY_KEY = 'qalam_review';

/** The workflow statuses Qalam knows (src/shared/domain/article.ts). */
function qalam_bridge_statuses() {
	return array('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled', 'published', 'spiked');
}

/** Who may read or write the meta: whoever may edit the post. */
function qalam_bridge_can_edit($allowed, $meta_key, $post_id, $user_id) {
	return user_can($user_id, 'edit_post', $post_id);
}

/** The schema of the review data (src/shared/domain/review.ts): comment threads and status history. */
function qalam_bridge_review_schema() {
	$id = array('type' => 'string', 'minLength' => 1, 'maxLength' => 64, 'pattern' => '^[A-Za-z0-9-]+$');
	$comment = array(
		'type'                 => 'object',
		'additionalProperties' => false,
		'required'             => array('id', 'threadId', 'author', 'body', 'quote', 'createdAt', 'updatedAt', 'resolved', 'resolvedBy', 'deleted'),
		'properties'           => array(
			'id'         => $id,
			'threadId'   => $id,
			'author'     => array('type' => 'string', 'maxLength' => 200),
			'body'       => array('type' => 'string', 'maxLength' => 10000),
			'quote'      => array('type' => 'string', 'maxLength' => 2000),
			'createdAt'  => array('type' => 'integer', 'minimum' => 0),
			'updatedAt'  => array('type' => 'integer', 'minimum' => 0),
			'resolved'   => array('type' => 'boolean'),
			'resolvedBy' => array('type' => 'string', 'maxLength' => 200),
			'deleted'    => array('type' => 'boolean'),
			'relayedBy'  => array('type' => 'string', 'maxLength' => 200),
			'userId'     => array('type' => 'integer', 'minimum' => 1),
		),
	);
	$change = array(
		'type'                 => 'object',
		'additionalProperties' => false,
		'required'             => array('id', 'from', 'to', 'by', 'at', 'note'),
		'properties'           => array(
			'id'   => $id,
			'from' => array('type' => 'string', 'enum' => qalam_bridge_statuses()),
			'to'   => array('type' => 'string', 'enum' => qalam_bridge_statuses()),
			'by'   => array('type' => 'string', 'maxLength' => 200),
			'at'   => array('type' => 'integer', 'minimum' => 0),
			'note' => array('type' => 'string', 'maxLength' => 2000),
			'relayedBy' => array('type' => 'string', 'maxLength' => 200),
			'userId'    => array('type' => 'integer', 'minimum' => 1),
		),
	);
	return array(
		'type'                 => 'object',
		'additionalProperties' => false,
		'required'             => array('comments', 'history'),
		'properties'           => array(
			'comments' => array('type' => 'array', 'maxItems' => 10000, 'items' => $comment),
			'history'  => array('type' => 'array', 'maxItems' => 10000, 'items' => $change),
		),
	);
}

function qalam_bridge_register_meta() {
	register_post_meta('post', 'qalam_uuid', array(
		'type'          => 'string',
		'single'        => true,
		'default'       => '',
		'auth_callback' => 'qalam_bridge_can_edit',
		'show_in_rest'  => array(
			'schema' => array('type' => 'string', 'pattern' => '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$'),
		),
	));
	register_post_meta('post', QALAM_BRIDGE_REVIEW_KEY, array(
		'type'          => 'object',
		'single'        => true,
		'default'       => array('comments' => array(), 'history' => array()),
		'auth_callback' => 'qalam_bridge_can_edit_review',
		'show_in_rest'  => array('name' => 'qalam_review', 'schema' => qalam_bridge_review_schema()),
	));
}

/**
 * The review meta is written through the REST API only, by whoever may edit the post: XML-RPC,
 * the admin's Custom Fields and anything else asking for edit_post_meta are refused (and the
 * write filters would check them all the same).
 */
function qalam_bridge_can_edit_review($allowed, $meta_key, $post_id, $user_id) {
	return defined('REST_REQUEST') && REST_REQUEST && user_can($user_id, 'edit_post', $post_id);
}

/** Review data that version 1.0 kept as an ordinary custom field moves, once, to the protected key. */
function qalam_bridge_move_legacy_review() {
	if (get_option('qalam_bridge_review_key') === QALAM_BRIDGE_REVIEW_KEY) {
		return;
	}
	global $wpdb;
	$ids = $wpdb->get_col($wpdb->prepare("SELECT DISTINCT post_id FROM {$wpdb->postmeta} WHERE meta_key = %s", QALAM_BRIDGE_LEGACY_KEY));
	foreach ($ids as $post_id) {
		$legacy = get_post_meta((int) $post_id, QALAM_BRIDGE_LEGACY_KEY, true);
		if (is_array($legacy) && !metadata_exists('post', (int) $post_id, QALAM_BRIDGE_REVIEW_KEY)) {
			qalam_bridge_write_review((int) $post_id, $legacy);
		}
		delete_post_meta((int) $post_id, QALAM_BRIDGE_LEGACY_KEY);
	}
	update_option('qalam_bridge_review_key', QALAM_BRIDGE_REVIEW_KEY, true);
}
add_action('init', 'qalam_bridge_move_legacy_review', 20);
add_action('init', 'qalam_bridge_register_meta');

/**
 * WordPress's Notes (6.9+) carry Qalam's comment threads on sites that have them; a note made
 * from Qalam names the Qalam comment it is (`qalam_id`), so every desk takes it as that comment
 * and not as a second one. Only someone who may edit the note may set it.
 */
function qalam_bridge_register_note_meta() {
	register_meta('comment', 'qalam_id', array(
		'type'          => 'string',
		'single'        => true,
		'show_in_rest'  => array('schema' => array('type' => 'string', 'maxLength' => 100, 'pattern' => '^[A-Za-z0-9_-]{1,100}$')),
		'auth_callback' => function ($allowed, $meta_key, $comment_id) {
			return current_user_can('edit_comment', $comment_id);
		},
	));
}
add_action('init', 'qalam_bridge_register_note_meta');

/** The site says it runs the bridge: Qalam looks for this namespace in the REST index. */
function qalam_bridge_routes() {
	register_rest_route('qalam/v1', '/info', array(
		'methods'             => 'GET',
		'permission_callback' => function () {
			return current_user_can('edit_posts');
		},
		'callback'            => function () {
			return array('version' => QALAM_BRIDGE_VERSION, 'meta' => array('qalam_uuid', 'qalam_review'), 'precondition' => 'X-Qalam-Expected-Modified', 'uploads' => 'qalam/v1/uploads');
		},
	));
}
add_action('rest_api_init', 'qalam_bridge_routes');

/** The post's modified_gmt exactly as the REST API shows it (which fills in a zero date from the local time, as drafts can have). */
function qalam_bridge_modified_gmt($post) {
	if ('0000-00-00 00:00:00' === $post->post_modified_gmt) {
		return gmdate('Y-m-d H:i:s', strtotime($post->post_modified) - (int) (get_option('gmt_offset') * 3600));
	}
	return $post->post_modified_gmt;
}

/**
 * The precondition: an update that carries X-Qalam-Expected-Modified (the post's
 * modified_gmt as Qalam last read it) is refused with 412 when the post has been saved
 * since, instead of overwriting that save. Checked for users who may edit the post only;
 * everyone else gets WordPress's own answer.
 */
function qalam_bridge_precondition($result, $server, $request) {
	if ($result !== null) {
		return $result;
	}
	$expected = $request->get_header('x_qalam_expected_modified');
	if ($expected === null || !in_array($request->get_method(), array('POST', 'PUT', 'PATCH'), true)) {
		return $result;
	}
	if (!preg_match('#^/wp/v2/posts/(\d+)$#', $request->get_route(), $m)) {
		return $result;
	}
	$post = get_post((int) $m[1]);
	if (!$post || !current_user_can('edit_post', $post->ID)) {
		return $result;
	}
	$actual = str_replace(' ', 'T', qalam_bridge_modified_gmt($post));
	if ($actual !== $expected) {
		return new WP_Error('qalam_precondition_failed', 'The post was saved since Qalam read it.', array('status' => 412, 'modified_gmt' => $actual));
	}
	return $result;
}
add_filter('rest_pre_dispatch', 'qalam_bridge_precondition', 10, 3);

/**
 * Readers never see review markup: comment anchors are unwrapped, open suggestions
 * show the text as it was (a suggested insertion left out, a suggested deletion kept).
 */
function qalam_bridge_clean_content($content) {
	if (strpos($content, 'qalam-') === false) {
		return $content;
	}
	$content = preg_replace('#<ins class="qalam-suggestion"[^>]*>.*?</ins>#s', '', $content);
	$content = preg_replace('#<del class="qalam-suggestion"[^>]*>(.*?)</del>#s', '$1', $content);
	$content = preg_replace('#<mark class="qalam-comment"[^>]*>(.*?)</mark>#s', '$1', $content);
	return $content;
}
add_filter('the_content', 'qalam_bridge_clean_content', 1);

/**
 * Review data is for the people who may edit the post. WordPress shows registered
 * meta to anyone who may read the post (anonymous readers of a published one too);
 * the comments and the status history are taken out for everyone else, whatever
 * `_fields` or `context` they ask for.
 */
function qalam_bridge_hide_review($response, $post, $request) {
	if (current_user_can('edit_post', $post->ID)) {
		return $response;
	}
	$data = $response->get_data();
	if (isset($data['meta']) && is_array($data['meta'])) {
		unset($data['meta']['qalam_review'], $data['meta']['qalam_uuid']);
		$response->set_data($data);
	}
	return $response;
}
add_filter('rest_prepare_post', 'qalam_bridge_hide_review', 10, 3);

/** The server's clock in milliseconds, as review data counts time. */
function qalam_bridge_now_ms() {
	return (int) round(microtime(true) * 1000);
}

/** What review entries may hold, each field with its exact type: a string never passes for a number or a boolean. */
function qalam_bridge_entry_fields($list) {
	if ('comments' === $list) {
		return array(
			'id' => 'id', 'threadId' => 'id', 'author' => 200, 'body' => 10000, 'quote' => 2000, 'createdAt' => 'time', 'updatedAt' => 'time',
			'resolved' => 'bool', 'resolvedBy' => 200, 'deleted' => 'bool', 'relayedBy' => '?200', 'userId' => '?user',
		);
	}
	return array('id' => 'id', 'from' => 'status', 'to' => 'status', 'by' => 200, 'at' => 'time', 'note' => 2000, 'relayedBy' => '?200', 'userId' => '?user');
}

/** Null when `$value` is review data of exactly the right shape and types; otherwise why not. */
function qalam_bridge_strict_review($value) {
	if (!is_array($value) || array_keys($value) != array('comments', 'history') && array_keys($value) != array('history', 'comments')) {
		return 'review data is an object with comments and history, nothing else';
	}
	foreach (array('comments', 'history') as $list) {
		if (!is_array($value[ $list ]) || ($value[ $list ] && array_keys($value[ $list ]) !== range(0, count($value[ $list ]) - 1)) || count($value[ $list ]) > 10000) {
			return "$list is a list of at most 10000 entries";
		}
		$fields = qalam_bridge_entry_fields($list);
		foreach ($value[ $list ] as $i => $entry) {
			if (!is_array($entry) || array_diff_key($entry, $fields)) {
				return "$list[$i] is an object with only the known fields";
			}
			foreach ($fields as $key => $type) {
				$optional = is_string($type) && '?' === $type[0];
				$type     = $optional ? substr($type, 1) : $type;
				if (!array_key_exists($key, $entry)) {
					if ($optional) {
						continue;
					}
					return "$list[$i].$key is missing";
				}
				$v  = $entry[ $key ];
				$ok = false;
				if ('id' === $type) {
					$ok = is_string($v) && preg_match('/^[A-Za-z0-9-]{1,64}$/', $v);
				} elseif ('time' === $type) {
					$ok = is_int($v) && $v >= 0;
				} elseif ('user' === $type) {
					$ok = is_int($v) && $v > 0;
				} elseif ('bool' === $type) {
					$ok = is_bool($v);
				} elseif ('status' === $type) {
					$ok = is_string($v) && in_array($v, qalam_bridge_statuses(), true);
				} else {
					$ok = is_string($v) && mb_strlen($v, 'UTF-8') <= (int) $type;
				}
				if (!$ok) {
					return "$list[$i].$key has the wrong type or length";
				}
			}
		}
	}
	return null;
}

/** A review list (comments or history) keyed by entry id. */
function qalam_bridge_by_id($data, $key) {
	$out = array();
	foreach ((isset($data[ $key ]) && is_array($data[ $key ])) ? $data[ $key ] : array() as $entry) {
		if (is_array($entry) && isset($entry['id'])) {
			$out[ $entry['id'] ] = $entry;
		}
	}
	return $out;
}

/**
 * Whether `$name` is the user's own, as a name on the site tells it: their display name or login,
 * and nobody else's. A user who renames themselves after a colleague does not pass for them.
 */
function qalam_bridge_own_name($name, $user) {
	if (!is_string($name) || '' === $name || !in_array($name, array($user->display_name, $user->user_login), true)) {
		return false;
	}
	global $wpdb;
	$other = $wpdb->get_var($wpdb->prepare("SELECT ID FROM {$wpdb->users} WHERE (display_name = %s OR user_login = %s) AND ID <> %d LIMIT 1", $name, $name, $user->ID));
	return null === $other;
}

/** How the server names the user who sent an entry: the display name, with the login when the display name is not theirs alone. */
function qalam_bridge_sender_name($user) {
	if ('' === $user->display_name) {
		return $user->user_login;
	}
	return qalam_bridge_own_name($user->display_name, $user) ? $user->display_name : $user->display_name . ' (' . $user->user_login . ')';
}

/**
 * The server's stamps on a new entry: `userId`, the WordPress user who sent it (what Qalam
 * trusts an approval by), and `relayedBy` when the name on the entry is not the sender's own.
 * Whatever the client put in either is replaced: only the server sets them.
 */
function qalam_bridge_stamp($entry, $who, $user) {
	unset($entry['relayedBy'], $entry['userId']);
	$entry['userId'] = (int) $user->ID;
	if (!qalam_bridge_own_name(isset($entry[ $who ]) ? $entry[ $who ] : '', $user)) {
		$entry['relayedBy'] = qalam_bridge_sender_name($user);
	}
	return $entry;
}

/** A stored entry's stamps kept on the copy the client sent (the client cannot add, change or drop them). */
function qalam_bridge_keep_stamp($entry, $old) {
	unset($entry['relayedBy'], $entry['userId']);
	if (isset($old['relayedBy']) && '' !== $old['relayedBy']) {
		$entry['relayedBy'] = $old['relayedBy'];
	}
	if (isset($old['userId']) && is_int($old['userId'])) {
		$entry['userId'] = $old['userId'];
	}
	return $entry;
}

/** The entry with its times held to the server's clock. */
function qalam_bridge_no_later($entry, $keys, $now) {
	foreach ($keys as $key) {
		if (isset($entry[ $key ]) && is_int($entry[ $key ]) && $entry[ $key ] > $now) {
			$entry[ $key ] = $now;
		}
	}
	return $entry;
}

/** Whether `$user` wrote the stored comment: by the user ID the server stamped, by name only for entries stored before stamps. */
function qalam_bridge_wrote($old, $user) {
	if (isset($old['userId'])) {
		return $old['userId'] === (int) $user->ID;
	}
	return empty($old['relayedBy']) && qalam_bridge_own_name(isset($old['author']) ? $old['author'] : '', $user);
}

/**
 * The review data to store when `$user` writes `$incoming` over what the post has, or why not
 * (a WP_Error with its HTTP status). The rules: exact types; the status history is append-only
 * (an entry once stored is never removed or changed); new entries are dated no later than the
 * server's clock; a user who may not publish cannot add an approval, scheduling or publication;
 * a comment is never removed, and its words (or its deletion) change only by its author, told by
 * user ID; a deleted comment stays deleted; resolving is open to whoever may edit the post.
 */
function qalam_bridge_review_merge($post_id, $incoming, $user) {
	$why = qalam_bridge_strict_review($incoming);
	if (null !== $why) {
		return new WP_Error('qalam_review_invalid', "Review data refused: $why.", array('status' => 400));
	}
	if (!$user || !$user->exists() || ($post_id > 0 && !user_can($user, 'edit_post', $post_id))) {
		return new WP_Error('qalam_review_forbidden', 'You may not change this post’s review.', array('status' => 403));
	}
	$stored = $post_id > 0 ? get_post_meta($post_id, QALAM_BRIDGE_REVIEW_KEY, true) : array();
	$stored = is_array($stored) ? $stored : array();
	$now    = qalam_bridge_now_ms();

	$old_history = qalam_bridge_by_id($stored, 'history');
	$new_history = qalam_bridge_by_id($incoming, 'history');
	if (array_diff_key($old_history, $new_history)) {
		return new WP_Error('qalam_history_append_only', 'A status change already recorded cannot be removed.', array('status' => 409));
	}
	foreach ($new_history as $id => $entry) {
		if (isset($old_history[ $id ])) {
			foreach (array('from', 'to', 'by', 'at', 'note') as $key) {
				if (!isset($entry[ $key ], $old_history[ $id ][ $key ]) || $entry[ $key ] !== $old_history[ $id ][ $key ]) {
					return new WP_Error('qalam_history_append_only', 'A status change already recorded cannot be changed.', array('status' => 409));
				}
			}
			$new_history[ $id ] = qalam_bridge_keep_stamp($entry, $old_history[ $id ]);
			continue;
		}
		if (in_array($entry['to'], array('approved', 'scheduled', 'published'), true) && !user_can($user, 'publish_posts')) {
			return new WP_Error('qalam_review_forbidden', 'You may not approve, schedule or publish.', array('status' => 403));
		}
		$new_history[ $id ] = qalam_bridge_stamp(qalam_bridge_no_later($entry, array('at'), $now), 'by', $user);
	}

	$old_comments = qalam_bridge_by_id($stored, 'comments');
	$new_comments = qalam_bridge_by_id($incoming, 'comments');
	if (array_diff_key($old_comments, $new_comments)) {
		return new WP_Error('qalam_history_append_only', 'A comment cannot be removed; it can be deleted by its author.', array('status' => 409));
	}
	foreach ($new_comments as $id => $comment) {
		$comment = qalam_bridge_no_later($comment, array('createdAt', 'updatedAt'), $now);
		if (!isset($old_comments[ $id ])) {
			$new_comments[ $id ] = qalam_bridge_stamp($comment, 'author', $user);
			continue;
		}
		$old                 = $old_comments[ $id ];
		$new_comments[ $id ] = qalam_bridge_keep_stamp($comment, $old);
		$was_deleted         = isset($old['deleted']) && true === $old['deleted'];
		if ($was_deleted && true !== $comment['deleted']) {
			return new WP_Error('qalam_review_forbidden', 'A deleted comment cannot come back.', array('status' => 403));
		}
		$changed = false;
		foreach (array('body', 'quote', 'author', 'threadId', 'deleted') as $key) {
			$changed = $changed || !array_key_exists($key, $old) || $comment[ $key ] !== $old[ $key ];
		}
		if ($changed && ($was_deleted || !qalam_bridge_wrote($old, $user))) {
			return new WP_Error('qalam_review_forbidden', 'Only its author may change a comment.', array('status' => 403));
		}
	}
	return array('comments' => array_values($new_comments), 'history' => array_values($new_history));
}

$GLOBALS['qalam_bridge_writing'] = false;

/** Stores review data the rules have produced, past the guard below. */
function qalam_bridge_write_review($post_id, $review) {
	$GLOBALS['qalam_bridge_writing'] = true;
	try {
		if (metadata_exists('post', $post_id, QALAM_BRIDGE_REVIEW_KEY)) {
			// The client sent what is stored, less the server's stamps (which the rules put back): nothing to write, and nothing wrong.
			// (update_metadata answers false for a value equal to the stored one, which the REST API would report as a database error.)
			if (get_post_meta($post_id, QALAM_BRIDGE_REVIEW_KEY, true) === $review) {
				return true;
			}
			return false !== update_metadata('post', $post_id, QALAM_BRIDGE_REVIEW_KEY, wp_slash($review));
		}
		return false !== add_metadata('post', $post_id, QALAM_BRIDGE_REVIEW_KEY, wp_slash($review), true);
	} finally {
		$GLOBALS['qalam_bridge_writing'] = false;
	}
}

/**
 * Every write of the review meta, by any path (REST, XML-RPC, the admin, another plugin), is
 * checked by the rules as the current user and stored as they say; a write they refuse stores
 * nothing. The meta is never deleted (a post's own deletion removes it by its row ids).
 */
function qalam_bridge_guard_write($check, $object_id, $meta_key, $meta_value) {
	if (QALAM_BRIDGE_REVIEW_KEY !== $meta_key || $GLOBALS['qalam_bridge_writing']) {
		return $check;
	}
	$merged = qalam_bridge_review_merge((int) $object_id, $meta_value, wp_get_current_user());
	if (is_wp_error($merged)) {
		return false;
	}
	return qalam_bridge_write_review((int) $object_id, $merged);
}
add_filter('add_post_metadata', 'qalam_bridge_guard_write', 10, 4);
add_filter('update_post_metadata', 'qalam_bridge_guard_write', 10, 4);

function qalam_bridge_guard_delete($check, $object_id, $meta_key) {
	if (QALAM_BRIDGE_REVIEW_KEY !== $meta_key || $GLOBALS['qalam_bridge_writing']) {
		return $check;
	}
	return false;
}
add_filter('delete_post_metadata', 'qalam_bridge_guard_delete', 10, 3);

/**
 * Through the REST API the same rules answer first, with their reason and status, on the review
 * data exactly as the client sent it: WordPress's own schema check would take "99" for a number
 * and "false" for a boolean, and a null would delete the meta.
 */
function qalam_bridge_check_review($prepared, $request) {
	$meta = $request->get_param('meta');
	if (!is_array($meta) || !array_key_exists('qalam_review', $meta)) {
		return $prepared;
	}
	$raw = json_decode((string) $request->get_body(), true);
	if (!is_array($raw) || !isset($raw['meta']) || !is_array($raw['meta']) || !array_key_exists('qalam_review', $raw['meta'])) {
		return new WP_Error('qalam_review_invalid', 'Review data is sent as JSON.', array('status' => 400));
	}
	if (null === $raw['meta']['qalam_review']) {
		return new WP_Error('qalam_history_append_only', 'Review data cannot be removed.', array('status' => 409));
	}
	$post_id = isset($prepared->ID) ? (int) $prepared->ID : 0;
	$merged  = qalam_bridge_review_merge($post_id, $raw['meta']['qalam_review'], wp_get_current_user());
	if (is_wp_error($merged)) {
		return $merged;
	}
	return $prepared;
}
add_filter('rest_pre_insert_post', 'qalam_bridge_check_review', 10, 2);

/**
 * Review markup never stays in post_content, where site search, feeds and other plugins
 * read it: a save whose content carries comment anchors or suggestions is stored clean
 * (as readers see it), and the marked-up text is kept beside it in protected post meta.
 * People who may edit the post get the marked-up text back in the edit context (Qalam's
 * sync reads it there) for as long as it still matches the stored content; once the post
 * is saved without it (an edit on the web), the review markup is gone with that save.
 */
$GLOBALS['qalam_bridge_marked'] = array();

function qalam_bridge_strip_markup($data, $postarr) {
	if (!isset($data['post_type']) || 'post' !== $data['post_type']) {
		return $data;
	}
	$content = wp_unslash($data['post_content']);
	if (strpos($content, 'qalam-') === false) {
		return $data;
	}
	$clean = qalam_bridge_clean_content($content);
	if ($clean === $content) {
		return $data;
	}
	$GLOBALS['qalam_bridge_marked'][ isset($postarr['ID']) ? (int) $postarr['ID'] : 0 ] = $content;
	$data['post_content'] = wp_slash($clean);
	return $data;
}
add_filter('wp_insert_post_data', 'qalam_bridge_strip_markup', 10, 2);

function qalam_bridge_keep_marked($post_id, $post) {
	if ('post' !== $post->post_type) {
		return;
	}
	$pending = $GLOBALS['qalam_bridge_marked'];
	$key     = isset($pending[ $post_id ]) ? $post_id : (isset($pending[0]) ? 0 : null);
	if (null !== $key) {
		update_post_meta($post_id, '_qalam_marked_content', wp_slash($pending[ $key ]));
		unset($GLOBALS['qalam_bridge_marked'][ $key ]);
		return;
	}
	// Saved without review markup: a marked-up text that no longer matches the post is dropped.
	$marked = get_post_meta($post_id, '_qalam_marked_content', true);
	if (is_string($marked) && '' !== $marked && qalam_bridge_clean_content($marked) !== $post->post_content) {
		delete_post_meta($post_id, '_qalam_marked_content');
	}
}
add_action('wp_insert_post', 'qalam_bridge_keep_marked', 10, 2);

function qalam_bridge_marked_for_editors($response, $post, $request) {
	if ('edit' !== $request['context'] || !current_user_can('edit_post', $post->ID)) {
		return $response;
	}
	$marked = get_post_meta($post->ID, '_qalam_marked_content', true);
	if (!is_string($marked) || '' === $marked || qalam_bridge_clean_content($marked) !== $post->post_content) {
		return $response;
	}
	$data = $response->get_data();
	if (isset($data['content']) && is_array($data['content']) && array_key_exists('raw', $data['content'])) {
		$data['content']['raw'] = $marked;
		$response->set_data($data);
	}
	return $response;
}
add_filter('rest_prepare_post', 'qalam_bridge_marked_for_editors', 10, 3);
