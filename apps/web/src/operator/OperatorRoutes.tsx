import { Navigate, Route, Routes } from 'react-router';
import { ActivityPage } from './ActivityPage.tsx';
import { DashboardPage } from './DashboardPage.tsx';
import { OrganisationsPage } from './OrganisationsPage.tsx';
import { UsersPage } from './UsersPage.tsx';

/** Operator screens: a separate chunk (with recharts), loaded only for operators. */
export default function OperatorRoutes() {
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="organisations" element={<OrganisationsPage />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="activity" element={<ActivityPage />} />
      <Route path="*" element={<Navigate to="/operator" replace />} />
    </Routes>
  );
}
