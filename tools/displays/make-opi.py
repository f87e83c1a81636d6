#!/usr/bin/env python3
"""Writes the NAJM spacecraft displays (standard BOY .opi, for Yamcs web and Yamcs Studio) into the
instance template's display bucket: etc/instance-templates/najm-spacecraft/displays/.

One set for every spacecraft: PV names are the instance's own parameters (/NAJM/... from mdb/najm.xml,
/yamcs/najm/links/... system parameters of its links). Run it after changing a display:
    python3 tools/displays/make-opi.py
"""
import copy
import os
import xml.etree.ElementTree as ET

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'etc', 'instance-templates', 'najm-spacecraft',
                   'displays')
W = 'org.csstudio.opibuilder.widgets.'
BG = (31, 38, 48)
PANEL = (39, 47, 58)
EDGE = (60, 72, 88)
LABEL = (143, 161, 181)
VALUE = (223, 230, 238)
TITLE = (255, 255, 255)
GREEN = (0, 200, 100)
OFF = (70, 80, 92)
SYS = '/yamcs/najm/links/'


TEMPLATES = os.path.join(os.path.dirname(__file__), 'widget-templates.opi')
# One widget of each kind with every property the OPI renderers expect (Yamcs web's @yamcs/opi refuses a
# widget that lacks one): Label, TextUpdate, Rectangle, LED, xyGraph, and the display's own properties.
_TEMPLATE_ROOT = ET.parse(TEMPLATES).getroot()
_TEMPLATES = {w.get('typeId').split('.')[-1]: w for w in _TEMPLATE_ROOT.findall('widget')}
_wuid = [0]


def _set(el, tag, v):
    """Sets property {tag} of widget {el}: text, (r, g, b) colour, or ('font', size, bold)."""
    node = el.find(tag)
    if node is None:
        node = ET.SubElement(el, tag)
    for child in list(node):
        node.remove(child)
    node.text = None
    if isinstance(v, tuple) and v and v[0] == 'font':
        ET.SubElement(node, 'fontdata', fontName='Liberation Sans', height=str(v[1]), style='1' if v[2] else '0')
    elif isinstance(v, tuple):
        ET.SubElement(node, 'color', red=str(v[0]), green=str(v[1]), blue=str(v[2]))
    else:
        node.text = str(v)


def widget(kind, name, x, y, w, h, props):
    el = copy.deepcopy(_TEMPLATES[kind])
    _wuid[0] += 1
    for tag, v in dict(props, name=name, x=x, y=y, width=w, height=h, wuid=f'najm-{_wuid[0]}').items():
        _set(el, tag, v)
    return el


def font(size, bold=False):
    return ('font', size, bold)


def label(x, y, w, h, text, size=10, bold=False, fg=LABEL, align=0):
    return [widget('Label', 'label ' + text, x, y, w, h, {
        'text': text, 'transparent': 'true', 'horizontal_alignment': align, 'vertical_alignment': 1,
        'foreground_color': fg, 'font': font(size, bold), 'border_style': 0, 'auto_size': 'false'})]


def value(x, y, w, h, pv, precision=None, size=10):
    props = {'pv_name': pv, 'text': '', 'show_units': 'true', 'format_type': 0, 'horizontal_alignment': 2,
             'vertical_alignment': 1, 'transparent': 'false', 'border_style': 1, 'border_width': 1,
             'forecolor_alarm_sensitive': 'true', 'border_alarm_sensitive': 'true',
             'backcolor_alarm_sensitive': 'false', 'foreground_color': VALUE, 'background_color': BG,
             'border_color': EDGE, 'font': font(size), 'auto_size': 'false', 'wrap_words': 'false',
             'precision_from_pv': 'true' if precision is None else 'false', 'precision': precision or 0}
    return [widget('TextUpdate', pv, x, y, w, h, props)]


def led(x, y, size, pv):
    return [widget('LED', pv, x, y, size, size, {
        'pv_name': pv, 'effect_3d': 'false', 'square_led': 'false', 'show_boolean_label': 'false',
        'data_type': 0, 'bit': -1, 'border_alarm_sensitive': 'true', 'on_color': GREEN, 'off_color': OFF})]


def panel(x, y, w, h, title):
    return ([widget('Rectangle', 'panel ' + title, x, y, w, h, {
        'line_width': 1, 'transparent': 'false', 'background_color': PANEL, 'line_color': EDGE,
        'foreground_color': PANEL})]
        + label(x + 10, y + 4, w - 20, 20, title.upper(), 10, True, (159, 195, 255)))


def rows(x, y, w, items):
    """items: (label, pv, precision or None, 'led' or None)"""
    out = []
    for i, (text, pv, prec, kind) in enumerate(items):
        yy = y + 28 + i * 24
        out += label(x + 10, yy, w // 2 - 10, 20, text)
        if kind == 'led':
            out += led(x + w - 34, yy + 2, 16, pv)
        else:
            out += value(x + w // 2, yy, w // 2 - 10, 20, pv, prec)
    return out


def display(name, w, h, widgets):
    root = ET.Element('display', _TEMPLATE_ROOT.attrib)
    for child in _TEMPLATE_ROOT:
        if child.tag != 'widget':
            root.append(copy.deepcopy(child))
    for tag, v in {'name': name, 'x': 0, 'y': 0, 'width': w, 'height': h, 'show_grid': 'false',
                   'auto_zoom_to_fit_all': 'false', 'background_color': BG, 'foreground_color': VALUE}.items():
        _set(root, tag, v)
    root.extend(widgets)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding='unicode') + '\n'


def header(title):
    return (label(14, 8, 520, 30, title, 16, True, TITLE)
            + label(560, 12, 110, 22, 'onboard time') + value(670, 12, 320, 22, '/NAJM/packet_time'))


def overview():
    p = '/NAJM/'
    body = header('Spacecraft overview')
    body += label(14, 42, 60, 22, 'Mode', 11, True) + value(80, 42, 140, 24, p + 'mode', None, 12)
    body += label(240, 42, 80, 22, 'Boot count') + value(320, 42, 80, 22, p + 'boot_count')
    body += label(420, 42, 80, 22, 'OBC uptime') + value(500, 42, 120, 22, p + 'obc_uptime')
    top, bottom, pw, ph1, ph2 = 76, 306, 320, 222, 198
    body += panel(10, top, pw, ph1, 'Power') + rows(10, top, pw, [
        ('Battery voltage', p + 'battery_voltage', 2, None), ('State of charge', p + 'battery_soc', 0, None),
        ('Bus current', p + 'bus_current', 0, None), ('Solar current', p + 'solar_current', 0, None),
        ('In eclipse', p + 'in_eclipse', None, 'led')])
    body += panel(340, top, pw, ph1, 'Thermal') + rows(340, top, pw, [
        ('OBC', p + 'temp_obc', 2, None), ('Battery', p + 'temp_battery', 2, None),
        ('Telescope', p + 'temp_telescope', 2, None), ('Heater on', p + 'heater_on', None, 'led')])
    body += panel(670, top, pw, ph1, 'Attitude') + rows(670, top, pw, [
        ('q1', p + 'q1', 5, None), ('q2', p + 'q2', 5, None), ('q3', p + 'q3', 5, None),
        ('q4 (scalar)', p + 'q4', 5, None), ('Rate x (deg/s)', p + 'rate_x', 4, None),
        ('Rate y (deg/s)', p + 'rate_y', 4, None), ('Rate z (deg/s)', p + 'rate_z', 4, None)])
    body += panel(10, bottom, pw, ph2, 'Stores and commands') + rows(10, bottom, pw, [
        ('Science store', p + 'science_store_fill', 0, None), ('HK store', p + 'hk_store_fill', 0, None),
        ('TC accepted', p + 'tc_accepted', 0, None), ('TC rejected', p + 'tc_rejected', 0, None),
        ('Last TC opcode', p + 'last_tc_opcode', 0, None)])
    body += panel(340, bottom, pw, ph2, 'Payload') + rows(340, bottom, pw, [
        ('Telescope', p + 'telescope_state', None, None), ('CCD temperature', p + 'ccd_temp', 2, None),
        ('Exposures', p + 'exposures', 0, None), ('Detections', p + 'detections', 0, None),
        ('Field RA (deg)', p + 'field_ra', 3, None), ('Field Dec (deg)', p + 'field_dec', 3, None)])
    body += panel(670, bottom, pw, ph2, 'Link') + rows(670, bottom, pw, [
        ('Station', SYS + 'TM/station', None, None), ('COP-1 state', SYS + 'TC.vc0/cop1Status.state', None, None),
        ('Last frame', SYS + 'TM/lastFrameTime', None, None), ('Frames in', SYS + 'TM/dataInCount', 0, None),
        ('TM link', SYS + 'TM/linkStatus', None, None)])
    body += label(14, 512, 976, 20, 'Values are coloured by their alarm state (limits in mdb/najm.xml). '
                  'Plots: najm-power-thermal.opi.', 9)
    return display('NAJM spacecraft overview', 1000, 540, body)


TRACE_COLORS = [(111, 208, 143), (255, 204, 77), (159, 195, 255), (255, 107, 94)]


def graph(name, x, y, w, h, title, traces, y_title):
    """An XY graph with time on the x axis: Yamcs web fills it from the archive over the page's time range."""
    props = {'title': title, 'show_legend': 'true', 'show_toolbar': 'false', 'transparent': 'false',
             'axis_count': 2, 'axis_0_axis_title': 'time (UTC)', 'axis_0_time_format': 3,
             'axis_0_auto_scale': 'true', 'axis_0_show_grid': 'true', 'axis_1_axis_title': y_title,
             'axis_1_auto_scale': 'true', 'axis_1_show_grid': 'true', 'axis_0_axis_color': LABEL,
             'axis_1_axis_color': LABEL, 'axis_0_grid_color': EDGE, 'axis_1_grid_color': EDGE,
             'background_color': PANEL, 'plot_area_background_color': BG, 'foreground_color': VALUE,
             'title_font': font(12, True), 'trace_count': len(traces), 'pv_name': ''}
    el = widget('xyGraph', name, x, y, w, h, props)
    trace0 = [c for c in el if c.tag.startswith('trace_0_')]
    for i, (pv, label_text) in enumerate(traces):
        if i > 0:
            for c in trace0:
                el.append(copy.deepcopy(c))
                el[-1].tag = c.tag.replace('trace_0_', f'trace_{i}_', 1)
        for tag, v in {'name': label_text, 'y_pv': pv, 'x_pv': '', 'x_axis_index': 0, 'y_axis_index': 1,
                       'buffer_size': 6100, 'concatenate_data': 'true', 'trace_type': 0, 'update_mode': 0,
                       'plot_mode': 0, 'line_width': 2, 'visible': 'true', 'point_style': 0,
                       'trace_color': TRACE_COLORS[i % len(TRACE_COLORS)]}.items():
            _set(el, f'trace_{i}_{tag}', v)
    return [el]


def plots():
    p = '/NAJM/'
    body = header('Power and thermal, last orbit')
    body += graph('power', 10, 46, 980, 150, 'Battery voltage (V)', [(p + 'battery_voltage', 'battery voltage')], 'V')
    body += graph('currents', 10, 202, 980, 150, 'Currents (mA)',
                  [(p + 'bus_current', 'bus current'), (p + 'solar_current', 'solar current')], 'mA')
    body += graph('thermal', 10, 358, 980, 170, 'Temperatures (degC)',
                  [(p + 'temp_obc', 'OBC'), (p + 'temp_battery', 'battery'), (p + 'temp_telescope', 'telescope'),
                   (p + 'ccd_temp', 'CCD')], 'degC')
    body += label(14, 532, 976, 20, 'One orbit is ~100 min. Yamcs web fills the plots from the parameter archive '
                  'over the page\'s time range (3h covers an orbit); Yamcs Studio keeps the last 6100 samples.', 9)
    return display('NAJM power and thermal', 1000, 560, body)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, text in (('najm-overview.opi', overview()), ('najm-power-thermal.opi', plots())):
        with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
            f.write(text)
        print('wrote', os.path.normpath(os.path.join(OUT, name)))


if __name__ == '__main__':
    main()
