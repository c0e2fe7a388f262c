/**
 * The UI primitives every screen builds on. Each control has a visible label (or an accessible
 * name), shows a focus ring for the keyboard, and takes its colours from the theme variables.
 */
export { Alert, type AlertProps } from './alert';
export { Badge, type Tone } from './badge';
export { Button, type ButtonProps } from './button';
export { Card, type CardProps } from './card';
export { CopyButton } from './copy-button';
export { EmptyState } from './empty-state';
export { Select, type SelectOption, type SelectProps } from './select';
export { Spinner } from './spinner';
export { Tabs, type TabItem, type TabsProps } from './tabs';
export { Textarea, type TextareaProps } from './textarea';
export { TextField, type TextFieldProps } from './text-field';
export { ThemeToggle } from './theme-toggle';
