<?php
/**
 * Uploads in pieces, for reporters on links that cut: WordPress takes a file in one request, so
 * a photo cut at 90 % is sent again whole. Here Qalam sends a picture in pieces the site keeps
 * (PUT /qalam/v1/uploads/<id>, each with its range and its MD5), asks how much arrived after a
 * cut (GET), and finishes (POST …/finish) with the whole file's MD5: only then is an attachment
 * made, through WordPress's own sideload (its type checks, sub-sizes and hooks). Finishing is
 * idempotent by the upload's id: a finish whose answer was lost, sent again, returns the same
 * attachment instead of a second one.
 *
 * Bounds: `upload_files`; the whole file no larger than WordPress's own upload limit
 * (wp_max_upload_size(), 413 otherwise, so Qalam sends a smaller copy as with core); a piece at
 * most 1 MB; pieces kept in wp-content/uploads/qalam-uploads under names nobody can guess (an
 * HMAC of the user and the id), refused to the web by .htaccess, and deleted after two days.
 */

if (!defined('ABSPATH')) {
	exit;
}

const QALAM_BRIDGE_PIECE_MAX = 1048576;
const QALAM_BRIDGE_PIECES_KEEP = 2 * DAY_IN_SECONDS;
const QALAM_BRIDGE_UPLOAD_KEY = '_qalam_upload';

function qalam_bridge_upload_routes() {
	$id = '(?P<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
	$can = function () {
		return current_user_can('upload_files');
	};
	register_rest_route('qalam/v1', '/uploads/' . $id, array(
		array('methods' => 'GET', 'permission_callback' => $can, 'callback' => 'qalam_bridge_upload_status'),
		array('methods' => 'PUT', 'permission_callback' => $can, 'callback' => 'qalam_bridge_upload_piece'),
	));
	register_rest_route('qalam/v1', '/uploads/' . $id . '/finish', array(
		'methods'             => 'POST',
		'permission_callback' => $can,
		'callback'            => 'qalam_bridge_upload_finish',
		'args'                => array(
			'md5'      => array('type' => 'string', 'required' => true, 'pattern' => '^[0-9a-f]{32}$'),
			'filename' => array('type' => 'string', 'required' => true, 'maxLength' => 200),
			'alt_text' => array('type' => 'string', 'default' => '', 'maxLength' => 2000),
			'caption'  => array('type' => 'string', 'default' => '', 'maxLength' => 10000),
		),
	));
}
add_action('rest_api_init', 'qalam_bridge_upload_routes');

/** The folder the pieces wait in, made with what keeps it from the web. */
function qalam_bridge_pieces_dir() {
	$uploads = wp_upload_dir(null, false);
	$dir     = trailingslashit($uploads['basedir']) . 'qalam-uploads';
	if (!is_dir($dir)) {
		wp_mkdir_p($dir);
		file_put_contents($dir . '/.htaccess', "Require all denied\nDeny from all\n");
		file_put_contents($dir . '/index.php', "<?php\n");
	}
	return $dir;
}

/** This user's upload: its pieces file and the state beside it (the whole file's size and MD5). */
function qalam_bridge_upload_paths($id) {
	$name = hash_hmac('sha256', get_current_user_id() . ':' . $id, wp_salt('auth'));
	$dir  = qalam_bridge_pieces_dir();
	return array('part' => $dir . '/' . $name . '.part', 'state' => $dir . '/' . $name . '.json');
}

function qalam_bridge_upload_state($paths) {
	if (!is_file($paths['state'])) {
		return null;
	}
	$state = json_decode((string) file_get_contents($paths['state']), true);
	if (!is_array($state) || !isset($state['total'], $state['md5'])) {
		return null;
	}
	clearstatcache(true, $paths['part']);
	$state['received'] = is_file($paths['part']) ? filesize($paths['part']) : 0;
	return $state;
}

function qalam_bridge_upload_answer($state) {
	return array('received' => (int) $state['received'], 'total' => (int) $state['total']);
}

/** What has arrived of an upload (0 for one this site has not seen). */
function qalam_bridge_upload_status($request) {
	$state = qalam_bridge_upload_state(qalam_bridge_upload_paths($request['id']));
	return $state === null ? array('received' => 0, 'total' => 0) : qalam_bridge_upload_answer($state);
}

/** Pieces older than two days are an upload nobody finished. */
function qalam_bridge_sweep_pieces() {
	foreach ((array) glob(qalam_bridge_pieces_dir() . '/*.{part,json,lock}', GLOB_BRACE) as $file) {
		if (is_file($file) && filemtime($file) < time() - QALAM_BRIDGE_PIECES_KEEP) {
			wp_delete_file($file);
		}
	}
}

/**
 * One piece: `Content-Range: bytes <first>-<last>/<total>`, `Content-MD5` (hex) of the piece and
 * `X-Qalam-Upload-MD5` of the whole file. A piece already here is acknowledged again (a retry
 * after a lost answer); a piece past what arrived is refused with what did (409); a different
 * whole file under the same id starts over.
 */
function qalam_bridge_upload_piece($request) {
	$range = (string) $request->get_header('content_range');
	$whole = strtolower((string) $request->get_header('x_qalam_upload_md5'));
	if (!preg_match('/^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/', $range, $m) || !preg_match('/^[0-9a-f]{32}$/', $whole)) {
		return new WP_Error('qalam_upload_range', 'A piece needs Content-Range: bytes first-last/total and X-Qalam-Upload-MD5.', array('status' => 400));
	}
	list(, $first, $last, $total) = array_map('intval', $m);
	$body = $request->get_body();
	if ($total < 1 || $first > $last || $last >= $total || strlen($body) !== $last - $first + 1 || strlen($body) > QALAM_BRIDGE_PIECE_MAX) {
		return new WP_Error('qalam_upload_range', 'The piece does not match its range.', array('status' => 400));
	}
	if ($total > wp_max_upload_size()) {
		/* translators: %s: the largest upload the site takes */
		return new WP_Error('rest_upload_file_too_big', sprintf('The site takes files up to %s.', size_format(wp_max_upload_size())), array('status' => 413));
	}
	if (strtolower((string) $request->get_header('content_md5')) !== md5($body)) {
		return new WP_Error('rest_upload_hash_mismatch', 'The piece is not what was sent.', array('status' => 412));
	}
	$paths = qalam_bridge_upload_paths($request['id']);
	$lock  = fopen($paths['state'] . '.lock', 'c');
	if ($lock === false || !flock($lock, LOCK_EX)) {
		return new WP_Error('qalam_upload_busy', 'The upload is busy.', array('status' => 503));
	}
	try {
		$state = qalam_bridge_upload_state($paths);
		if ($state === null || (int) $state['total'] !== $total || $state['md5'] !== $whole) {
			if ($first === 0) {
				qalam_bridge_sweep_pieces();
			}
			file_put_contents($paths['part'], '');
			file_put_contents($paths['state'], wp_json_encode(array('total' => $total, 'md5' => $whole)));
			$state = array('total' => $total, 'md5' => $whole, 'received' => 0);
		}
		$received = (int) $state['received'];
		if ($last < $received) {
			return qalam_bridge_upload_answer($state);
		}
		if ($first !== $received) {
			return new WP_Error('qalam_upload_offset', 'The piece does not follow what arrived.', array('status' => 409, 'received' => $received, 'total' => $total));
		}
		if (file_put_contents($paths['part'], $body, FILE_APPEND) !== strlen($body)) {
			return new WP_Error('qalam_upload_write', 'The site could not keep the piece.', array('status' => 507));
		}
		$state['received'] = $received + strlen($body);
		return qalam_bridge_upload_answer($state);
	} finally {
		flock($lock, LOCK_UN);
		fclose($lock);
	}
}

/** The attachment an earlier finish of this upload made, if one did. */
function qalam_bridge_upload_made($id) {
	$found = get_posts(array(
		'post_type'      => 'attachment',
		'post_status'    => 'any',
		'author'         => get_current_user_id(),
		'meta_key'       => QALAM_BRIDGE_UPLOAD_KEY,
		'meta_value'     => $id,
		'posts_per_page' => 1,
		'orderby'        => 'ID',
		'order'          => 'ASC',
		'fields'         => 'ids',
	));
	return empty($found) ? 0 : (int) $found[0];
}

function qalam_bridge_upload_made_answer($attachment) {
	return array('id' => $attachment, 'source_url' => wp_get_attachment_url($attachment));
}

/** The whole file checked against its MD5, then made an attachment once, as the media endpoint would. */
function qalam_bridge_upload_finish($request) {
	$id    = $request['id'];
	$paths = qalam_bridge_upload_paths($id);
	$lock  = fopen($paths['state'] . '.lock', 'c');
	if ($lock === false || !flock($lock, LOCK_EX)) {
		return new WP_Error('qalam_upload_busy', 'The upload is busy.', array('status' => 503));
	}
	try {
		$made = qalam_bridge_upload_made($id);
		if ($made > 0) {
			return qalam_bridge_upload_made_answer($made);
		}
		$state = qalam_bridge_upload_state($paths);
		if ($state === null || (int) $state['received'] !== (int) $state['total']) {
			return new WP_Error('qalam_upload_incomplete', 'Not all of the file has arrived.', array('status' => 409, 'received' => $state === null ? 0 : (int) $state['received']));
		}
		if ($state['md5'] !== $request['md5'] || md5_file($paths['part']) !== $request['md5']) {
			wp_delete_file($paths['part']);
			wp_delete_file($paths['state']);
			return new WP_Error('rest_upload_hash_mismatch', 'The file that arrived is not the one sent.', array('status' => 412));
		}
		require_once ABSPATH . 'wp-admin/includes/file.php';
		require_once ABSPATH . 'wp-admin/includes/media.php';
		require_once ABSPATH . 'wp-admin/includes/image.php';
		// Sideloading moves the file: a copy goes, so a failure leaves the pieces for another finish.
		$tmp = wp_tempnam($request['filename']);
		copy($paths['part'], $tmp);
		$file       = array('name' => sanitize_file_name($request['filename']), 'tmp_name' => $tmp, 'size' => (int) $state['total'], 'error' => 0);
		$attachment = media_handle_sideload($file, 0, null, array('post_excerpt' => $request['caption']));
		if (is_wp_error($attachment)) {
			wp_delete_file($tmp);
			return new WP_Error('rest_upload_unknown_error', $attachment->get_error_message(), array('status' => 400));
		}
		add_post_meta($attachment, QALAM_BRIDGE_UPLOAD_KEY, $id, true);
		if ($request['alt_text'] !== '') {
			update_post_meta($attachment, '_wp_attachment_image_alt', sanitize_text_field($request['alt_text']));
		}
		wp_delete_file($paths['part']);
		wp_delete_file($paths['state']);
		return qalam_bridge_upload_made_answer($attachment);
	} finally {
		flock($lock, LOCK_UN);
		fclose($lock);
	}
}
