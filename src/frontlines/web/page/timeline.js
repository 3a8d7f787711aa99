// The timeline: events per day as bars; brushing a stretch of days filters the map and the list.

import { axisBottom } from 'd3-axis';
import { brushX } from 'd3-brush';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { select } from 'd3-selection';

const DAY = 86400000;
const iso = (d) => d.toISOString().slice(0, 10);
const day = (s) => new Date(`${s}T00:00:00Z`);

export class Timeline {
  constructor(svg, onBrush) {
    this.svg = select(svg);
    this.onBrush = onBrush;
    this.margin = { top: 6, right: 12, bottom: 20, left: 12 };
  }

  /** Draw `days` ([{day, count}]) and put the brush on [from, to] when given. */
  draw(days, from, to) {
    const node = this.svg.node();
    const width = node.clientWidth || 600, height = node.clientHeight || 90;
    const m = this.margin;
    this.svg.selectAll('*').remove();
    if (!days.length) {
      this.svg.append('text').attr('x', width / 2).attr('y', height / 2).attr('text-anchor', 'middle').attr('class', 'empty').text('no dated events');
      return;
    }
    const first = day(days[0].day), last = new Date(day(days[days.length - 1].day).getTime() + DAY);
    const x = scaleUtc().domain([new Date(first.getTime() - DAY), new Date(last.getTime() + DAY)]).range([m.left, width - m.right]);
    const y = scaleLinear().domain([0, Math.max(...days.map((d) => d.count))]).range([height - m.bottom, m.top]);
    const barWidth = Math.max(1, x(new Date(first.getTime() + DAY)) - x(first) - 1);
    this.svg.append('g').selectAll('rect').data(days).join('rect')
      .attr('class', 'bar').attr('x', (d) => x(day(d.day))).attr('width', barWidth)
      .attr('y', (d) => y(d.count)).attr('height', (d) => y(0) - y(d.count))
      .append('title').text((d) => `${d.day}: ${d.count} event${d.count === 1 ? '' : 's'}`);
    this.svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
    const brush = brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]]).on('end', (event) => {
      if (!event.sourceEvent) return; // moved by code, not by the analyst
      if (!event.selection) { this.onBrush('', ''); return; }
      const [a, b] = event.selection.map((px) => x.invert(px));
      this.onBrush(iso(new Date(Math.floor(a.getTime() / DAY) * DAY)), iso(new Date(Math.floor((b.getTime() - 1) / DAY) * DAY)));
    });
    const g = this.svg.append('g').attr('class', 'brush').call(brush);
    if (from || to) g.call(brush.move, [x(from ? day(from) : x.domain()[0]), x(to ? new Date(day(to).getTime() + DAY) : x.domain()[1])]);
  }
}
