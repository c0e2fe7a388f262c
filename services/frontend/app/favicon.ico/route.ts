/**
 * Browsers ask for `/favicon.ico` on their own wherever a document names no icon (a download, an
 * error page); the app's one icon is `app/icon.svg`.
 */
export function GET(): Response {
  return new Response(null, {
    status: 308,
    headers: { location: '/icon.svg', 'cache-control': 'public, max-age=86400' },
  });
}
