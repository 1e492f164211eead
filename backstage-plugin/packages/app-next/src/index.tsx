// The catalog's entity pages (plugin-catalog 2.0.9) are built with @backstage/ui 0.18: its styles.
import '@backstage/ui/css/styles.css';
import ReactDOM from 'react-dom/client';
import app from './App';

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
