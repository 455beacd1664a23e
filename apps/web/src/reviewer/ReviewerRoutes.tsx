import { Navigate, Route, Routes } from 'react-router';
import { AcceptedPage } from './AcceptedPage.tsx';
import { MembersPage } from './MembersPage.tsx';
import { QueuePage } from './QueuePage.tsx';
import { RequestEditorPage } from './RequestEditorPage.tsx';
import { RequestsAdminPage } from './RequestsAdminPage.tsx';
import { ReviewPage } from './ReviewPage.tsx';

/** Reviewer screens: a separate chunk, loaded only for reviewers. */
export default function ReviewerRoutes() {
  return (
    <Routes>
      <Route index element={<QueuePage />} />
      <Route path="versions/:versionId" element={<ReviewPage />} />
      <Route path="accepted" element={<AcceptedPage />} />
      <Route path="requests" element={<RequestsAdminPage />} />
      <Route path="requests/new" element={<RequestEditorPage />} />
      <Route path="requests/:requestId" element={<RequestEditorPage />} />
      <Route path="members" element={<MembersPage />} />
      <Route path="*" element={<Navigate to="/review" replace />} />
    </Routes>
  );
}
