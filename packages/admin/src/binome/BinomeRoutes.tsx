import { Route, Routes } from 'react-router-dom';
import { Loading, useCanAccess } from 'react-admin';
import { AccessDenied } from '../common/AccessDenied';
import { GroupLoop } from './GroupLoop';
import { Queue } from './Queue';
import { CaseView, ReportView } from './Reading';

/** The binôme workspace (loaded on demand): queue, reading views, loop history per group. */
export default function BinomeRoutes() {
  const { canAccess, isPending } = useCanAccess({ resource: 'binome', action: 'read' });
  if (isPending) return <Loading />;
  if (!canAccess) return <AccessDenied />;
  return (
    <Routes>
      <Route index element={<Queue />} />
      <Route path="report/:id" element={<ReportView />} />
      <Route path="case/:id" element={<CaseView />} />
      <Route path="group/:groupId" element={<GroupLoop />} />
    </Routes>
  );
}
