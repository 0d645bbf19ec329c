import type { ComponentType } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { AuthProvider, useAuth } from './auth';
import { Layout } from './components/Layout';
import { Loading } from './components/Page';
import { I18nProvider } from './i18n/context';
import { LiveProvider } from './messaging/live';
import { HomeView } from './views/HomeView';
import { InboundPolicyView } from './views/InboundPolicyView';
import { IntroductionsView } from './views/introductions/IntroductionsView';
import { LoginView } from './views/LoginView';
import { MemberProfileView } from './views/MemberProfileView';
import { ChatView } from './views/messaging/ChatView';
import { ConversationsView } from './views/messaging/ConversationsView';
import { NewGroupView } from './views/messaging/NewGroupView';
import { NotificationSettingsView } from './views/notifications/NotificationSettingsView';
import { NotificationsView } from './views/notifications/NotificationsView';
import { NotFoundView } from './views/NotFoundView';
import { PersonasView } from './views/PersonasView';
import { PrivacyView } from './views/PrivacyView';
import { ProfileEditView } from './views/ProfileEditView';
import { ProfilePreviewView } from './views/ProfilePreviewView';
import { BlockedView } from './views/relationships/BlockedView';
import { CardView } from './views/relationships/CardView';
import { ConnectionsView } from './views/relationships/ConnectionsView';
import { RequestsView } from './views/relationships/RequestsView';
import { SuggestionsView } from './views/relationships/SuggestionsView';
import { SearchView } from './views/search/SearchView';
import { SettingsView } from './views/SettingsView';
import { SignupView } from './views/SignupView';

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useLayoutEffect(() => {
    route(to, true);
  }, [to, route]);
  return null;
}

/** Renders the view for signed-in members; sends everyone else to the login page. */
function membersOnly(View: ComponentType) {
  return function MembersOnly() {
    const { status } = useAuth();
    if (status === 'loading') return <Loading />;
    if (status === 'signed_out') return <Redirect to="/login" />;
    return <View />;
  };
}

/** Renders the view for visitors; sends signed-in members home. */
function visitorsOnly(View: ComponentType) {
  return function VisitorsOnly() {
    const { status } = useAuth();
    if (status === 'loading') return <Loading />;
    if (status === 'signed_in') return <Redirect to="/" />;
    return <View />;
  };
}

const Home = membersOnly(HomeView);
const Settings = membersOnly(SettingsView);
const ProfileEdit = membersOnly(ProfileEditView);
const ProfilePreview = membersOnly(ProfilePreviewView);
const Privacy = membersOnly(PrivacyView);
const Personas = membersOnly(PersonasView);
const InboundPolicy = membersOnly(InboundPolicyView);
const Connections = membersOnly(ConnectionsView);
const Requests = membersOnly(RequestsView);
const Introductions = membersOnly(IntroductionsView);
const ExchangeCards = membersOnly(CardView);
const Suggestions = membersOnly(SuggestionsView);
const Blocked = membersOnly(BlockedView);
const Conversations = membersOnly(ConversationsView);
const NewGroup = membersOnly(NewGroupView);
const Chat = membersOnly(ChatView);
const Notifications = membersOnly(NotificationsView);
const NotificationSettings = membersOnly(NotificationSettingsView);
const Search = membersOnly(SearchView);
const Login = visitorsOnly(LoginView);
const Signup = visitorsOnly(SignupView);

export function App() {
  return (
    <LocationProvider>
      <I18nProvider>
        <AuthProvider>
          <LiveProvider>
            <Layout>
              <Router>
                <Route path="/" component={Home} />
                <Route path="/settings" component={Settings} />
                <Route path="/settings/privacy" component={Privacy} />
                <Route path="/settings/inbound" component={InboundPolicy} />
                <Route path="/settings/notifications" component={NotificationSettings} />
                <Route path="/messages" component={Conversations} />
                {/* Before /messages/:id, which would otherwise take "new" for an id. */}
                <Route path="/messages/new" component={NewGroup} />
                <Route path="/messages/:id" component={Chat} />
                <Route path="/notifications" component={Notifications} />
                <Route path="/search" component={Search} />
                <Route path="/connections" component={Connections} />
                <Route path="/connections/requests" component={Requests} />
                <Route path="/connections/introductions" component={Introductions} />
                <Route path="/connections/card" component={ExchangeCards} />
                <Route path="/connections/suggestions" component={Suggestions} />
                <Route path="/connections/blocked" component={Blocked} />
                {/* A card's own link, as its QR code holds it: opens ready to exchange cards. */}
                <Route path="/c/:code" component={ExchangeCards} />
                <Route path="/personas" component={Personas} />
                <Route path="/profile/edit" component={ProfileEdit} />
                <Route path="/profile/preview" component={ProfilePreview} />
                {/* Open to visitors too: they see what the member made public. */}
                <Route path="/members/:id" component={MemberProfileView} />
                <Route path="/p/:token" component={MemberProfileView} />
                <Route path="/login" component={Login} />
                <Route path="/signup" component={Signup} />
                <Route default component={NotFoundView} />
              </Router>
            </Layout>
          </LiveProvider>
        </AuthProvider>
      </I18nProvider>
    </LocationProvider>
  );
}
