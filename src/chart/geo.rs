//! Municipal boundaries from a case's boundaries.geojson: a GeoJSON FeatureCollection
//! of Polygon and MultiPolygon features in WGS84 longitude/latitude, each with
//! `properties.statcode` (the CBS code, e.g. `GM0917`) and optionally `statnaam`.
//!
//! Only what a choropleth needs is read, with serde_json: no geometry library. The
//! projection is equirectangular with longitudes scaled by cos 52°, which keeps shapes
//! right within a percent or two across the Netherlands (50.7°–53.6° N).

use serde_json::Value;

/// One municipality's outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// The CBS code from `properties.statcode`.
    pub code: String,
    /// The name from `properties.statnaam`, if given.
    pub name: Option<String>,
    /// Polygons, each a list of rings (the first the outline, the others holes), each a
    /// list of (longitude, latitude) points.
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// The boundaries of a case: every area of the file, sorted by code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Boundaries {
    /// The areas, sorted by code.
    pub areas: Vec<Area>,
    /// Features that were skipped (no statcode, or a geometry other than (Multi)Polygon).
    pub skipped: usize,
}

/// Parses a GeoJSON FeatureCollection. Fails with a message (for the report) when the
/// text is not JSON or not a FeatureCollection; features it cannot use are counted in
/// [`Boundaries::skipped`].
pub fn parse(text: &str) -> Result<Boundaries, String> {
    let json: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let features = json
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| "not a GeoJSON FeatureCollection (no \"features\" list)".to_string())?;
    let mut out = Boundaries::default();
    for feature in features {
        match area(feature) {
            Some(a) => out.areas.push(a),
            None => out.skipped += 1,
        }
    }
    out.areas.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

fn area(feature: &Value) -> Option<Area> {
    let props = feature.get("properties")?;
    let code = props.get("statcode")?.as_str()?.trim().to_string();
    let name = props
        .get("statnaam")
        .and_then(Value::as_str)
        .map(str::to_string);
    let geometry = feature.get("geometry")?;
    let coordinates = geometry.get("coordinates")?;
    let polygons = match geometry.get("type")?.as_str()? {
        "Polygon" => vec![polygon(coordinates)?],
        "MultiPolygon" => coordinates
            .as_array()?
            .iter()
            .map(polygon)
            .collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    if code.is_empty() || polygons.is_empty() {
        return None;
    }
    Some(Area {
        code,
        name,
        polygons,
    })
}

fn polygon(value: &Value) -> Option<Vec<Vec<(f64, f64)>>> {
    value
        .as_array()?
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(|p| {
                    let p = p.as_array()?;
                    let (lon, lat) = (p.first()?.as_f64()?, p.get(1)?.as_f64()?);
                    (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
                })
                .collect::<Option<Vec<_>>>()
        })
        .filter(|ring| ring.as_ref().is_none_or(|r| r.len() >= 3))
        .collect()
}

/// Projects longitude/latitude to map units: x = lon · cos 52°, y = lat.
pub fn project((lon, lat): (f64, f64)) -> (f64, f64) {
    (lon * 52f64.to_radians().cos(), lat)
}

/// A rectangle in map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Smallest x.
    pub x0: f64,
    /// Smallest y.
    pub y0: f64,
    /// Largest x.
    pub x1: f64,
    /// Largest y.
    pub y1: f64,
}

impl Bounds {
    /// The bounds of the projected points of the areas; `None` without points.
    pub fn of<'a>(areas: impl IntoIterator<Item = &'a Area>) -> Option<Bounds> {
        let mut b: Option<Bounds> = None;
        for area in areas {
            for point in area.polygons.iter().flatten().flatten() {
                let (x, y) = project(*point);
                b = Some(match b {
                    None => Bounds {
                        x0: x,
                        y0: y,
                        x1: x,
                        y1: y,
                    },
                    Some(b) => Bounds {
                        x0: b.x0.min(x),
                        y0: b.y0.min(y),
                        x1: b.x1.max(x),
                        y1: b.y1.max(y),
                    },
                });
            }
        }
        b
    }

    /// Whether two rectangles overlap.
    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.x0 <= other.x1 && other.x0 <= self.x1 && self.y0 <= other.y1 && other.y0 <= self.y1
    }

    /// These bounds grown by `share` of their size on every side, then widened in one
    /// direction to the aspect ratio `width / height` (in pixels) of the picture.
    pub fn fit(&self, share: f64, width: f64, height: f64) -> Bounds {
        let (w, h) = ((self.x1 - self.x0).max(1e-6), (self.y1 - self.y0).max(1e-6));
        let (mut w2, mut h2) = (w * (1.0 + 2.0 * share), h * (1.0 + 2.0 * share));
        let aspect = width / height;
        if w2 / h2 < aspect {
            w2 = h2 * aspect;
        } else {
            h2 = w2 / aspect;
        }
        let (cx, cy) = ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0);
        Bounds {
            x0: cx - w2 / 2.0,
            y0: cy - h2 / 2.0,
            x1: cx + w2 / 2.0,
            y1: cy + h2 / 2.0,
        }
    }
}

/// The area of a ring in projected units (shoelace formula, always ≥ 0).
pub fn ring_area(ring: &[(f64, f64)]) -> f64 {
    let points: Vec<(f64, f64)> = ring.iter().map(|p| project(*p)).collect();
    let n = points.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    twice.abs() / 2.0
}

/// The outline area of an area: the sum of its polygons' outer rings.
pub fn area_size(area: &Area) -> f64 {
    area.polygons
        .iter()
        .filter_map(|p| p.first())
        .map(|ring| ring_area(ring))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"statcode":"GM0002","statnaam":"B"},
       "geometry":{"type":"MultiPolygon","coordinates":[[[[5,52],[6,52],[6,53],[5,52]]],
         [[[7,52],[8,52],[8,53],[7,52]],[[7.2,52.1],[7.8,52.1],[7.8,52.5],[7.2,52.1]]]]}},
      {"type":"Feature","properties":{"statcode":"GM0001"},
       "geometry":{"type":"Polygon","coordinates":[[[4,51],[5,51],[5,52],[4,51]]]}},
      {"type":"Feature","properties":{"name":"no code"},
       "geometry":{"type":"Polygon","coordinates":[[[4,51],[5,51],[5,52],[4,51]]]}},
      {"type":"Feature","properties":{"statcode":"GM0003"},
       "geometry":{"type":"Point","coordinates":[4,51]}}
    ]}"#;

    #[test]
    fn reads_polygons_and_multipolygons() {
        let b = parse(SAMPLE).unwrap();
        assert_eq!(b.skipped, 2);
        let codes: Vec<&str> = b.areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["GM0001", "GM0002"]);
        assert_eq!(b.areas[1].name.as_deref(), Some("B"));
        assert_eq!(b.areas[1].polygons.len(), 2);
        assert_eq!(b.areas[1].polygons[1].len(), 2, "outline and one hole");
        assert!(parse("[]").is_err());
        assert!(parse("{").is_err());
    }

    #[test]
    fn projects_and_fits() {
        let (x, y) = project((5.0, 52.0));
        assert!((x - 5.0 * 0.615_661_475).abs() < 1e-6);
        assert_eq!(y, 52.0);
        let b = Bounds {
            x0: 0.0,
            y0: 0.0,
            x1: 1.0,
            y1: 2.0,
        };
        let f = b.fit(0.0, 200.0, 200.0);
        assert!((f.x1 - f.x0 - 2.0).abs() < 1e-9 && (f.y1 - f.y0 - 2.0).abs() < 1e-9);
        assert!(b.overlaps(&f));
        let ring = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
        assert!((ring_area(&ring) - 52f64.to_radians().cos()).abs() < 1e-9);
    }
}
