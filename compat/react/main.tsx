// The page's entry point: one dashboard for the signed-in user's organisation and one for another organisation (which
// row-level security must keep empty), polling or realtime as the page asks.
import { createRoot } from 'react-dom/client';
import { SyncProgressDashboard } from './SyncProgressDashboard';
import { SyncProgressDashboardRealtime } from './SyncProgressDashboardRealtime';

const env = window.SYNCOPS_ENV;
const Dashboard = env.variant === 'realtime' ? SyncProgressDashboardRealtime : SyncProgressDashboard;

createRoot(document.getElementById('mine')!).render(<Dashboard orgId={env.orgId} />);
createRoot(document.getElementById('theirs')!).render(<Dashboard orgId={env.otherOrgId} />);
