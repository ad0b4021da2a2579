// uPlot and its stylesheet in one chunk of their own, fetched by the screens that draw a chart.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
