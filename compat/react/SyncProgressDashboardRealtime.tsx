// The guide's dashboard with a Supabase Realtime subscription in place of the 2-second interval: the same query once
// (and again once the channel is joined, so no change between the first read and the join is missed), then every
// change the database pushes for this organisation applied to the list. The card is the guide's, unchanged.
import { useEffect, useState } from 'react';
import { supabase } from '@/lib/supabase';
import { SyncCard } from './SyncProgressDashboard';

type Sync = Record<string, any>;

export function SyncProgressDashboardRealtime({ orgId }: { orgId: string }) {
  const [activeSyncs, setActiveSyncs] = useState<Sync[]>([]);
  const [loading, setLoading] = useState(true);
  const [channelStatus, setChannelStatus] = useState('joining');

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
    const channel = supabase
      .channel(`sync-progress-${orgId}`)
      .on('postgres_changes', { event: '*', schema: 'public', table: 'sync_progress', filter: `org_id=eq.${orgId}` },
        (payload) => setActiveSyncs((current) => applyChange(current, payload)))
      .subscribe((status) => {
        setChannelStatus(status);
        if (status === 'SUBSCRIBED') fetchProgress();
      });
    return () => { supabase.removeChannel(channel); };
  }, [orgId]);

  return (
    <div className="space-y-4" data-realtime={channelStatus}>
      {loading ? (
        <div>Loading...</div>
      ) : activeSyncs.length === 0 ? (
        <div>No active syncs</div>
      ) : (
        activeSyncs.map((sync) => <SyncCard key={sync.sync_id} sync={sync} />)
      )}
    </div>
  );
}

// A change keeps the list as the query would return it: active syncs only, most recently updated first.
function applyChange(current: Sync[], payload: { eventType: string; new: Sync; old: Sync }): Sync[] {
  const id = payload.eventType === 'DELETE' ? payload.old.id : payload.new.id;
  const others = current.filter((sync) => sync.id !== id);
  if (payload.eventType === 'DELETE' || payload.new.completed_at !== null) return others;
  return [payload.new, ...others].sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
}
