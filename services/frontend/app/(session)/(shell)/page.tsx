import { redirect } from 'next/navigation';

/** `/`: the signed-in home is the dashboard (the platform status stays at `/status`). */
export default function HomePage() {
  redirect('/dashboard');
}
