// The guide's "React Component: Live Sync Dashboard", as the guide writes it (seed/sync-operations-quick-start.md):
// polling every 2 seconds. Two things differ: esbuild maps `@/lib/supabase` to react/lib/supabase.ts, and SyncCard is
// exported so that the realtime variant shows the very same card.
import { useEffect, useState } from 'react';
import { supabase } from '@/lib/supabase';

export function SyncProgressDashboard({ orgId }: { orgId: string }) {
  const [activeSyncs, setActiveSyncs] = useState([]);
  const [loading, setLoading] = useState(true);

  // Poll for updates every 2 seconds
  useEffect(() => {
    const fetchProgress = async () => {
      const { data } = await supabase
        .from('sync_progress')
        .select('*')
        .eq('org_id', orgId)
        .is('completed_at', null)
        .order('updated_at', { ascending: false });

      setActiveSyncs(data || []);
      setLoading(false);
    };

    fetchProgress();
    const interval = setInterval(fetchProgress, 2000);
    return () => clearInterval(interval);
  }, [orgId]);

  return (
    <div className="space-y-4">
      {loading ? (
        <div>Loading...</div>
      ) : activeSyncs.length === 0 ? (
        <div>No active syncs</div>
      ) : (
        activeSyncs.map((sync) => (
          <SyncCard key={sync.sync_id} sync={sync} />
        ))
      )}
    </div>
  );
}

export function SyncCard({ sync }) {
  const progressPercent = (sync.processed_count / sync.total_items) * 100;
  const etaMinutes = sync.eta_seconds ? (sync.eta_seconds / 60).toFixed(1) : '—';

  return (
    <div className="border rounded-lg p-4">
      <h3 className="font-bold">{sync.entity_type.toUpperCase()} Sync</h3>

      {/* Progress bar */}
      <div className="mt-2 bg-gray-200 rounded-full h-2">
        <div
          className="bg-blue-600 h-2 rounded-full transition-all"
          style={{ width: `${progressPercent}%` }}
        />
      </div>

      {/* Stats */}
      <div className="mt-3 grid grid-cols-4 gap-2 text-sm">
        <div>
          <div className="text-gray-600">Progress</div>
          <div className="font-mono">{sync.processed_count} / {sync.total_items}</div>
        </div>
        <div>
          <div className="text-gray-600">Speed</div>
          <div className="font-mono">{sync.speed_items_per_min?.toFixed(1) || '—'} items/min</div>
        </div>
        <div>
          <div className="text-gray-600">Failed</div>
          <div className="font-mono text-red-600">{sync.failed_count}</div>
        </div>
        <div>
          <div className="text-gray-600">ETA</div>
          <div className="font-mono">{etaMinutes} min</div>
        </div>
      </div>

      {/* Errors */}
      {sync.failed_count > 0 && (
        <div className="mt-3 text-sm text-orange-600">
          {sync.failed_count} items failed - review logs for details
        </div>
      )}
    </div>
  );
}
