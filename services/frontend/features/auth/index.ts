/** The login feature: the `/login` screen. */
export { LoginScreen, type LoginScreenProps } from './components/login-screen';
