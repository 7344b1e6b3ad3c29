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
		'permission_callback' => '__return_true',
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
