"""The sandbox's media: cover art, artist pictures, preview clips, track audio.

- `art.render_cover(release_id, size)`, `art.render_artist_image(artist_id, size)`
- `audio.render_preview(track)`, `audio.render_track(track, format_id)` (MP3, M4A, FLAC)
- `packaging.release_zip(tracks, format_id)`
- `urls.release_image_url / artist_image_url / preview_url(request, ...)`
"""
