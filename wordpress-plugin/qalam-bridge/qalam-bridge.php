<?php
/**
 * Plugin Name:       Qalam Bridge
 * Description:       Lets Qalam (قلم), the offline editorial workstation, keep its review data on posts: the article's UUID, comment threads and the status history, as post meta over the REST API; and refuses an update that would overwrite a newer save (HTTP 412).
 * Version:           1.0.0
 * Requires at least: 6.0
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       qalam-bridge
 */

if (!defined('ABSPATH')) {
	exit;
}

const QALAM_BRIDGE_VERSION = '1.0.0';

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
	register_post_meta('post', 'qalam_review', array(
		'type'          => 'object',
		'single'        => true,
		'default'       => array('comments' => array(), 'history' => array()),
		'auth_callback' => 'qalam_bridge_can_edit',
		'show_in_rest'  => array('schema' => qalam_bridge_review_schema()),
	));
}
add_action('init', 'qalam_bridge_register_meta');

/** The site says it runs the bridge: Qalam looks for this namespace in the REST index. */
function qalam_bridge_routes() {
	register_rest_route('qalam/v1', '/info', array(
		'methods'             => 'GET',
		'permission_callback' => function () {
			return current_user_can('edit_posts');
		},
		'callback'            => function () {
			return array('version' => QALAM_BRIDGE_VERSION, 'meta' => array('qalam_uuid', 'qalam_review'), 'precondition' => 'X-Qalam-Expected-Modified');
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

/** A review list (comments or history) keyed by entry id; entries without one are dropped. */
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
 * Who sent an entry, as the server knows it: an entry whose author (`$who`) is not the
 * current user is stamped with the current user's name in `relayedBy` (an editor pushing a
 * reporter's comments that reached them in a bundle); the user's own entries carry no stamp.
 * Whatever the client put in `relayedBy` is replaced: only the server sets it.
 */
function qalam_bridge_stamp($entry, $who, $user, $names) {
	unset($entry['relayedBy']);
	if (!in_array(isset($entry[ $who ]) ? $entry[ $who ] : '', $names, true)) {
		$entry['relayedBy'] = '' !== $user->display_name ? $user->display_name : $user->user_login;
	}
	return $entry;
}

/** A stored entry's stamp kept on the copy the client sent (the client cannot add, change or drop it). */
function qalam_bridge_keep_stamp($entry, $old) {
	unset($entry['relayedBy']);
	if (isset($old['relayedBy']) && '' !== $old['relayedBy']) {
		$entry['relayedBy'] = $old['relayedBy'];
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

/**
 * Review data written through the API is checked against what the post has: the
 * status history is append-only (an entry once stored is never removed or changed), new
 * entries are dated no later than the server's clock, a user who may not publish cannot
 * add an approval, scheduling or publication, and an existing comment's words (or its
 * deletion) change only by its author; resolving is open to whoever may edit the post.
 * A new entry's author is the current user, or the entry is stamped as relayed by the
 * current user (`relayedBy`), so a name typed into a file never passes for that person
 * having sent it.
 */
function qalam_bridge_check_review($prepared, $request) {
	$meta = $request->get_param('meta');
	if (!is_array($meta) || !isset($meta['qalam_review']) || !is_array($meta['qalam_review'])) {
		return $prepared;
	}
	$incoming = $meta['qalam_review'];
	// A value that does not fit the schema is WordPress's to refuse (400, with the field named) when it writes the meta.
	if (is_wp_error(rest_validate_value_from_schema($incoming, qalam_bridge_review_schema(), 'qalam_review'))) {
		return $prepared;
	}
	$post_id = isset($prepared->ID) ? (int) $prepared->ID : 0;
	$stored  = $post_id > 0 ? get_post_meta($post_id, 'qalam_review', true) : array();
	$stored  = is_array($stored) ? $stored : array();
	$now     = qalam_bridge_now_ms();
	$user    = wp_get_current_user();
	$names   = array($user->display_name, $user->user_login);

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
		if (isset($entry['to']) && in_array($entry['to'], array('approved', 'scheduled', 'published'), true) && !current_user_can('publish_posts')) {
			return new WP_Error('qalam_review_forbidden', 'You may not approve, schedule or publish.', array('status' => 403));
		}
		$new_history[ $id ] = qalam_bridge_stamp(qalam_bridge_no_later($entry, array('at'), $now), 'by', $user, $names);
	}

	$old_comments = qalam_bridge_by_id($stored, 'comments');
	$new_comments = qalam_bridge_by_id($incoming, 'comments');
	if (array_diff_key($old_comments, $new_comments)) {
		return new WP_Error('qalam_history_append_only', 'A comment cannot be removed; it can be deleted by its author.', array('status' => 409));
	}
	foreach ($new_comments as $id => $comment) {
		$comment = qalam_bridge_no_later($comment, array('createdAt', 'updatedAt'), $now);
		if (!isset($old_comments[ $id ])) {
			$new_comments[ $id ] = qalam_bridge_stamp($comment, 'author', $user, $names);
			continue;
		}
		$old                 = $old_comments[ $id ];
		$new_comments[ $id ] = qalam_bridge_keep_stamp($comment, $old);
		// A deleted comment stays deleted, whoever sends it.
		if (!empty($old['deleted']) && empty($comment['deleted'])) {
			return new WP_Error('qalam_review_forbidden', 'A deleted comment cannot come back.', array('status' => 403));
		}
		$changed = false;
		foreach (array('body', 'quote', 'author', 'threadId', 'deleted') as $key) {
			$changed = $changed || !array_key_exists($key, $comment) || !array_key_exists($key, $old) || $comment[ $key ] !== $old[ $key ];
		}
		if ($changed && empty($old['deleted']) && !in_array(isset($old['author']) ? $old['author'] : '', $names, true)) {
			return new WP_Error('qalam_review_forbidden', 'Only its author may change a comment.', array('status' => 403));
		}
	}

	$meta['qalam_review'] = array('comments' => array_values($new_comments), 'history' => array_values($new_history));
	$request->set_param('meta', $meta);
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
